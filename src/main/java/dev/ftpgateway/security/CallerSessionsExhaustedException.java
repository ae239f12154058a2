package dev.ftpgateway.security;

import java.time.Duration;

import dev.ftpgateway.pool.PoolExhaustedException;

/**
 * The caller already holds its share of the shared sessions and none came back in time: like an
 * exhausted pool, a 503 with Retry-After, though the pool itself may have sessions for others.
 */
public final class CallerSessionsExhaustedException extends PoolExhaustedException {

	CallerSessionsExhaustedException(int maxPerCaller, Duration maxWait) {
		super("This caller already holds its " + maxPerCaller + " FTP sessions; none came back within " + maxWait,
				maxWait, null);
	}

}
