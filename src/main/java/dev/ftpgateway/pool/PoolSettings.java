package dev.ftpgateway.pool;

import java.time.Duration;
import java.util.Objects;

import org.apache.commons.pool2.impl.BaseObjectPoolConfig;

/**
 * Sizes and timings of the session pool. Every value is explicit because commons-pool2's
 * defaults wait forever, never test sessions and never evict them.
 *
 * @param maxTotal the most sessions, borrowed and idle together
 * @param minIdle the idle sessions the evictor keeps open
 * @param maxIdle the most idle sessions kept; more are closed when returned
 * @param maxWait how long {@code borrow()} waits for a session; must be positive
 * @param evictionInterval the time between evictor runs
 * @param minEvictableIdle how long a session may stay idle before the evictor closes it
 * @param validateAfterIdle the idle time after which borrowing checks a session with NOOP
 * @param limitBackoff after a {@code 421} lowered the pool's size, how long each step back up waits
 * @param loginBackoff after the server refused the gateway's login ({@code 530}, {@code 532}), how
 *        long until the next login attempt; it doubles with each further refusal
 * @param loginBackoffMax the longest wait between login attempts while the login is refused
 */
public record PoolSettings(int maxTotal, int minIdle, int maxIdle, Duration maxWait, Duration evictionInterval,
		Duration minEvictableIdle, Duration validateAfterIdle, Duration limitBackoff, Duration loginBackoff,
		Duration loginBackoffMax) {

	/** The default 30 seconds between steps back up after a 421. */
	public static final Duration DEFAULT_LIMIT_BACKOFF = Duration.ofSeconds(30);

	/**
	 * The default first wait after a refused login. With {@link #DEFAULT_LOGIN_BACKOFF_MAX}, one
	 * gateway tries at 0, 1, 3, 7 and 15 minutes, then every 15: at most four tries in any ten
	 * minutes, one fewer than fail2ban's default {@code maxretry} of 5 in its 10-minute
	 * {@code findtime}.
	 */
	public static final Duration DEFAULT_LOGIN_BACKOFF = Duration.ofMinutes(1);

	/** The default longest wait between login attempts while the login is refused. */
	public static final Duration DEFAULT_LOGIN_BACKOFF_MAX = Duration.ofMinutes(15);

	/** Settings with the default {@link #DEFAULT_LIMIT_BACKOFF} and login back-off. */
	public PoolSettings(int maxTotal, int minIdle, int maxIdle, Duration maxWait, Duration evictionInterval,
			Duration minEvictableIdle, Duration validateAfterIdle) {
		this(maxTotal, minIdle, maxIdle, maxWait, evictionInterval, minEvictableIdle, validateAfterIdle,
				DEFAULT_LIMIT_BACKOFF);
	}

	/** Settings with the default login back-off, {@link #DEFAULT_LOGIN_BACKOFF} doubling up to the max. */
	public PoolSettings(int maxTotal, int minIdle, int maxIdle, Duration maxWait, Duration evictionInterval,
			Duration minEvictableIdle, Duration validateAfterIdle, Duration limitBackoff) {
		this(maxTotal, minIdle, maxIdle, maxWait, evictionInterval, minEvictableIdle, validateAfterIdle, limitBackoff,
				DEFAULT_LOGIN_BACKOFF, DEFAULT_LOGIN_BACKOFF_MAX);
	}

	public PoolSettings {
		if (maxTotal < 1) {
			throw new IllegalArgumentException("maxTotal must be at least 1: " + maxTotal);
		}
		if (minIdle < 0 || maxIdle < 0 || minIdle > maxIdle) {
			throw new IllegalArgumentException("need 0 <= minIdle <= maxIdle: " + minIdle + ", " + maxIdle);
		}
		requirePositive(maxWait, "maxWait");
		requirePositive(evictionInterval, "evictionInterval");
		requirePositive(minEvictableIdle, "minEvictableIdle");
		Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
		requirePositive(limitBackoff, "limitBackoff");
		requirePositive(loginBackoff, "loginBackoff");
		requirePositive(loginBackoffMax, "loginBackoffMax");
		if (loginBackoffMax.compareTo(loginBackoff) < 0) {
			throw new IllegalArgumentException(
					"loginBackoffMax must be at least loginBackoff: " + loginBackoffMax + " < " + loginBackoff);
		}
	}

	private static void requirePositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive: " + duration);
		}
	}

	/**
	 * Sets what plain and per-user pools share, including the commons-pool2 defaults that
	 * would hang or leak: never wait forever, test on borrow and while idle. The pools run
	 * their evictors themselves, every {@code evictionInterval} ({@link PoolEvictor}).
	 */
	void applyTo(BaseObjectPoolConfig<?> config, String jmxNamePrefix) {
		config.setBlockWhenExhausted(true);
		config.setMaxWait(this.maxWait);
		config.setTestOnBorrow(true);
		config.setTestWhileIdle(true);
		// No commons-pool2 evictor: its one thread is shared by every pool (see PoolEvictor).
		config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
		config.setMinEvictableIdleDuration(this.minEvictableIdle);
		// Negative means a share of the idle sessions: -1 tests all of them on every run.
		config.setNumTestsPerEvictionRun(-1);
		// LIFO lends the most recently used session, so the rest go idle and get evicted.
		config.setLifo(true);
		config.setJmxEnabled(true);
		config.setJmxNamePrefix(jmxNamePrefix);
	}

}
