package dev.ftpgateway.security;

import java.time.Duration;

import dev.ftpgateway.pool.PoolExhaustedException;

/**
 * As many requests as allowed wait already for a session of this FTP server: like an exhausted
 * pool, a 503 with Retry-After, but at once, without taking one more request thread for the wait.
 */
public final class TooManyWaitingException extends PoolExhaustedException {

	TooManyWaitingException(int maxWaiting) {
		super(maxWaiting + " requests already wait for a session of this FTP server", Duration.ZERO, null);
	}

}
