package dev.ftpgateway.pool;

import java.util.Objects;

/**
 * The user name and password one caller logs in to the FTP server with. The password is part of
 * equality on purpose: sessions are pooled per login, so a caller who knows a user name but not
 * its password never gets a session someone else opened with the right one.
 *
 * @param user the FTP user name
 * @param password the FTP password
 */
public record FtpLogin(String user, String password) {

	public FtpLogin {
		Objects.requireNonNull(user, "user");
		Objects.requireNonNull(password, "password");
	}

	/** Leaves the password out, so logins can be logged and show up in pool keys safely. */
	@Override
	public String toString() {
		return "FtpLogin[" + this.user + "]";
	}

}
