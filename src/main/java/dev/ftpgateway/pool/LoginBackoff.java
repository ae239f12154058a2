package dev.ftpgateway.pool;

import java.time.Duration;
import java.util.function.LongSupplier;

import dev.ftpgateway.ftp.FtpException;

/**
 * Keeps the pool from retrying a login the FTP server refused on every request and health probe:
 * servers with fail2ban or a lockout policy lock the account, or ban the gateway's address, after
 * a few failed logins. After a refusal no session opens until the back-off has passed; then one
 * caller tries while the others keep failing at once. Each further refusal doubles the wait, up
 * to a cap; a login that works ends the back-off.
 */
final class LoginBackoff {

	private final ConnectionSettings settings;

	private final long initialNanos;

	private final long maxNanos;

	private final LongSupplier nanoTime;

	/** The last refusal, or {@code null} while logins are not refused. */
	private FtpException refusal;

	private long delayNanos;

	private long nextAttempt;

	LoginBackoff(ConnectionSettings settings, Duration initial, Duration max, LongSupplier nanoTime) {
		this.settings = settings;
		this.initialNanos = initial.toNanos();
		this.maxNanos = max.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Lets a login go ahead, unless the back-off is running.
	 * @throws BackendLoginRefusedException while the back-off runs: the last refusal and the time left
	 */
	synchronized void beforeLogin() throws BackendLoginRefusedException {
		if (this.refusal == null) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		long left = this.nextAttempt - now;
		if (left > 0) {
			throw new BackendLoginRefusedException(this.settings, this.refusal, Duration.ofNanos(left));
		}
		// This caller makes the one attempt of this interval; the next may come one interval later.
		this.nextAttempt = now + this.delayNanos;
	}

	/**
	 * The server refused the login: starts or lengthens the back-off.
	 * @return the exception to raise, saying when the next attempt comes
	 */
	synchronized BackendLoginRefusedException refused(FtpException reply) {
		if (this.refusal == null) {
			this.delayNanos = this.initialNanos;
		}
		else {
			this.delayNanos = (this.delayNanos > this.maxNanos / 2) ? this.maxNanos : this.delayNanos * 2;
		}
		this.refusal = reply;
		this.nextAttempt = this.nanoTime.getAsLong() + this.delayNanos;
		return new BackendLoginRefusedException(this.settings, reply, Duration.ofNanos(this.delayNanos));
	}

	/** A login worked: the back-off is over. */
	synchronized void loggedIn() {
		this.refusal = null;
	}

}
