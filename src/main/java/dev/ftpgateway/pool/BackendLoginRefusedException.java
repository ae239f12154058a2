package dev.ftpgateway.pool;

import java.time.Duration;

import dev.ftpgateway.ftp.FtpException;

/**
 * The FTP server refused the gateway's own login ({@code 530}, {@code 532}): a wrong user name
 * or password in the gateway's settings, or a locked account. The pool does not try again before
 * {@link #retryIn()} has passed (see {@link LoginBackoff}), so a wrong password is not tried on
 * every request until the server locks the account.
 */
public class BackendLoginRefusedException extends BackendUnavailableException {

	private static final long serialVersionUID = 1L;

	private final Duration retryIn;

	/**
	 * @param settings where and as whom the gateway logs in (the password stays out of the message)
	 * @param refusal the server's refusal
	 * @param retryIn how long until the pool tries to log in again
	 */
	public BackendLoginRefusedException(ConnectionSettings settings, FtpException refusal, Duration retryIn) {
		super(Reason.LOGIN_REFUSED, "The FTP server refused the gateway's login as " + settings.user() + "@"
				+ settings.address() + " (" + BackendFailures.oneLine(refusal) + "); next login attempt in "
				+ readable(retryIn), refusal);
		this.retryIn = retryIn;
	}

	/** How long until the pool tries to log in again. */
	public Duration retryIn() {
		return this.retryIn;
	}

	/** Whole seconds, rounded up: "45s", "2m", "14m5s". */
	private static String readable(Duration duration) {
		return BackendFailures.readable(Duration.ofSeconds(Math.max(1, (duration.toMillis() + 999) / 1000)));
	}

}
