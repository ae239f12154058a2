package dev.ftpgateway.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.pool.FtpLogin;
import dev.ftpgateway.pool.UserSessionPool;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks HTTP Basic credentials by logging in with them to the FTP server the request is for
 * (pass-through): a 530 reply is a wrong password (401), anything else a failing backend. A
 * login with a pooled session is trusted without a new round trip, since that session proved
 * it, and so is never throttled; any other goes through the {@link LoginThrottle} first, keyed
 * by the server together with the client address the request's {@link LoginDetails} carry,
 * and with the user name: servers have accounts of their own, and one server slow to judge
 * logins must not hold up logins to another.
 * <p>
 * The user names FTP servers take for anonymous login ({@code anonymous}, {@code ftp}, in any
 * case, as vsftpd compares them case-insensitively) are refused without asking the
 * server, unless the gateway serves anonymous callers anyway: otherwise a server that allows
 * anonymous login would be open through the gateway to anyone who knows the convention.
 */
public final class FtpLoginAuthenticationProvider implements AuthenticationProvider {

	/** USER and PASS are sent on the control connection: these would end or split the command. */
	private static final String FORBIDDEN = "\r\n\0";

	private static final Set<String> ANONYMOUS_USERS = Set.of("anonymous", "ftp");

	private final Map<String, UserSessionPool> sessions;

	private final Set<FtpScope> scopes;

	private final boolean anonymousAllowed;

	private final LoginThrottle throttle;

	/**
	 * @param sessions the callers' sessions on each server that takes pass-through logins, which
	 *        also check logins
	 * @param scopes what a caller the FTP server accepts may do; the server's own permissions apply on top
	 * @param anonymousAllowed whether the gateway serves anonymous callers, and so may pass the
	 *        FTP server's anonymous user names through
	 * @param throttle slows down guessing
	 */
	public FtpLoginAuthenticationProvider(Map<String, UserSessionPool> sessions, Set<FtpScope> scopes,
			boolean anonymousAllowed, LoginThrottle throttle) {
		this.sessions = Map.copyOf(sessions);
		this.scopes = Set.copyOf(scopes);
		this.anonymousAllowed = anonymousAllowed;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String user = authentication.getName();
		Object credentials = authentication.getCredentials();
		String password = (credentials != null) ? credentials.toString() : "";
		if (user.isEmpty() || hasForbiddenCharacter(user) || hasForbiddenCharacter(password)) {
			throw new BadCredentialsException("User name or password contains CR, LF or NUL");
		}
		if (!this.anonymousAllowed && ANONYMOUS_USERS.contains(user.trim().toLowerCase(Locale.ROOT))) {
			throw new BadCredentialsException("Anonymous FTP login is not passed through");
		}
		if (!(authentication.getDetails() instanceof LoginDetails details) || details.server().isEmpty()) {
			throw new BadCredentialsException("The request names no FTP server to check the login with");
		}
		String server = details.server().get();
		UserSessionPool sessions = this.sessions.get(server);
		if (sessions == null) {
			throw new BadCredentialsException("Server '" + server + "' takes no pass-through logins");
		}
		FtpLogin login = new FtpLogin(user, password);
		if (!sessions.isPooled(login)) {
			check(sessions, login, this.throttle.begin(server + " " + details.address(), server + " " + user));
		}
		return new FtpUserAuthentication(login, server, this.scopes);
	}

	private void check(UserSessionPool sessions, FtpLogin login, LoginThrottle.Attempt attempt) {
		boolean accepted = false;
		try {
			sessions.verify(login);
			accepted = true;
		}
		catch (FtpException ex) {
			if (ex.replyCode() == 530) {
				throw new BadCredentialsException("The FTP server refused the login");
			}
			throw new AuthenticationServiceException("The FTP server failed the login: " + ex.replyCode(), ex);
		}
		catch (IOException ex) {
			throw new AuthenticationServiceException("Could not check the login with the FTP server", ex);
		}
		finally {
			if (accepted) {
				attempt.succeeded();
			}
			else {
				attempt.failed();
			}
		}
	}

	private static boolean hasForbiddenCharacter(String value) {
		return value.chars().anyMatch((c) -> FORBIDDEN.indexOf(c) >= 0);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
