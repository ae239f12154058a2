package dev.ftpgateway.pool;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.pool2.impl.GenericObjectPool;

/**
 * Lowers the pool's size when the server refuses a session with {@code 421 Too many
 * connections} (on connect or on login: per-user and per-address limits, or other gateway
 * replicas using up the server's slots), and raises it again one session per backoff interval,
 * so the gateway settles just under the server's limit instead of failing every request that
 * would open one session too many.
 */
final class ConnectionLimit {

	private static final System.Logger logger = System.getLogger(ConnectionLimit.class.getName());

	private final GenericObjectPool<?> pool;

	private final int configuredMax;

	private final long backoffNanos;

	private final LongSupplier nanoTime;

	private long nextRaise;

	ConnectionLimit(GenericObjectPool<?> pool, int configuredMax, Duration backoff, LongSupplier nanoTime) {
		this.pool = pool;
		this.configuredMax = configuredMax;
		this.backoffNanos = backoff.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * The server refused one more session: cap the pool at the sessions it holds for us now
	 * (at least one, so requests keep being tried and the cap can recover).
	 */
	synchronized void refused() {
		int held = this.pool.getNumActive() + this.pool.getNumIdle();
		int cap = Math.max(1, Math.min(held, this.configuredMax));
		if (cap < this.pool.getMaxTotal()) {
			logger.log(Level.WARNING, () -> "FTP server refused a session (421); pool capped at " + cap + " of "
					+ this.configuredMax + " sessions for now");
		}
		this.pool.setMaxTotal(Math.min(cap, this.pool.getMaxTotal()));
		this.nextRaise = this.nanoTime.getAsLong() + this.backoffNanos;
	}

	/** Raises a lowered cap by one session once a backoff interval has passed without a refusal. */
	synchronized void maybeRaise() {
		int current = this.pool.getMaxTotal();
		if (current >= this.configuredMax || this.nanoTime.getAsLong() - this.nextRaise < 0) {
			return;
		}
		this.pool.setMaxTotal(current + 1);
		this.nextRaise = this.nanoTime.getAsLong() + this.backoffNanos;
	}

	/** The pool's size now: the configured maximum, or less after 421 refusals. */
	int current() {
		return this.pool.getMaxTotal();
	}

}
