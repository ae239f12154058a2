package dev.ftpgateway.pool;

import java.io.IOException;
import java.time.Duration;

/**
 * No session became free within the pool's maximum wait: every session is busy. A client
 * should retry later (the web layer answers 503 with Retry-After).
 */
public class PoolExhaustedException extends IOException {

	private final Duration maxWait;

	public PoolExhaustedException(Duration maxWait, Throwable cause) {
		this("No FTP session became free within " + maxWait, maxWait, cause);
	}

	protected PoolExhaustedException(String message, Duration maxWait, Throwable cause) {
		super(message, cause);
		this.maxWait = maxWait;
	}

	/** How long the borrower waited. */
	public Duration maxWait() {
		return this.maxWait;
	}

}
