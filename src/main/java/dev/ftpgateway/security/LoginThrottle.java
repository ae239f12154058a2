package dev.ftpgateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down guessing of pass-through passwords, per client address and per user name alike.
 * <p>
 * Each login attempt that the FTP server has to judge counts when it starts, not when it fails,
 * so parallel guesses count as fast as sequential ones; a successful login gives its count back.
 * The first {@code freeAttempts} cost nothing; from then on each attempt shuts its address and
 * its user name out for twice as long as the last, from one second up to {@code maxDelay}, and
 * at most {@code maxConcurrent} attempts run at once per address and per user name. An attempt
 * refused here never reaches the FTP server.
 * <p>
 * Remembers at most {@value #MAX_KEYS} addresses and as many user names, forgetting the longest
 * quiet first, and forgets one {@link #FORGET_AFTER} after its last attempt.
 */
public final class LoginThrottle {

	static final int MAX_KEYS = 10_000;

	static final Duration FORGET_AFTER = Duration.ofMinutes(15);

	/** What a caller refused for running too many attempts at once is told to wait. */
	static final Duration BUSY_RETRY = Duration.ofSeconds(1);

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private final int freeAttempts;

	private final Duration maxDelay;

	private final int maxConcurrent;

	private final Clock clock;

	private final Map<String, Attempts> addresses = recentlyUsed();

	private final Map<String, Attempts> users = recentlyUsed();

	/**
	 * @param freeAttempts attempts per address and per user name before any shut-out
	 * @param maxDelay the longest shut-out
	 * @param maxConcurrent the most attempts running at once per address and per user name
	 * @param clock the time
	 */
	public LoginThrottle(int freeAttempts, Duration maxDelay, int maxConcurrent, Clock clock) {
		if (freeAttempts < 0 || maxDelay.isNegative() || maxConcurrent < 1) {
			throw new IllegalArgumentException("freeAttempts and maxDelay must not be negative, maxConcurrent at least 1");
		}
		this.freeAttempts = freeAttempts;
		this.maxDelay = maxDelay;
		this.maxConcurrent = maxConcurrent;
		this.clock = clock;
	}

	private static Map<String, Attempts> recentlyUsed() {
		return new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
				return size() > MAX_KEYS;
			}

		};
	}

	/**
	 * Starts a login attempt as {@code user} from {@code address}, counting it at once.
	 * @return the attempt; report how it ended with {@link Attempt#succeeded()} or {@link Attempt#failed()}
	 * @throws LoginThrottledException when the address or the user name is shut out, or runs too
	 *         many attempts already
	 */
	public synchronized Attempt begin(String address, String user) {
		Instant now = this.clock.instant();
		Attempts byAddress = attempts(this.addresses, address, now);
		Attempts byUser = attempts(this.users, user.toLowerCase(Locale.ROOT), now);
		Duration wait = later(byAddress.remaining(now), byUser.remaining(now));
		if (!wait.isZero()) {
			throw new LoginThrottledException(wait);
		}
		if (byAddress.running >= this.maxConcurrent || byUser.running >= this.maxConcurrent) {
			throw new LoginThrottledException(BUSY_RETRY);
		}
		start(byAddress, now);
		start(byUser, now);
		return new Attempt(byAddress, byUser);
	}

	private static Attempts attempts(Map<String, Attempts> byKey, String key, Instant now) {
		Attempts attempts = byKey.get(key);
		boolean quiet = attempts != null && attempts.running == 0 && attempts.last != null
				&& attempts.last.plus(FORGET_AFTER).isBefore(now);
		if (attempts == null || quiet) {
			attempts = new Attempts();
			byKey.put(key, attempts);
		}
		return attempts;
	}

	private void start(Attempts attempts, Instant now) {
		attempts.count++;
		attempts.running++;
		attempts.last = now;
		int over = attempts.count - this.freeAttempts;
		if (over >= 0) {
			// Shifting past 30 bits would overflow; the delay is capped long before that anyway.
			Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(over, 30));
			attempts.blockedUntil = now.plus((delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay);
		}
	}

	private synchronized void ended(Attempts attempts, boolean succeeded) {
		attempts.running--;
		if (succeeded) {
			attempts.count--;
			if (attempts.count < this.freeAttempts) {
				attempts.blockedUntil = null;
			}
		}
	}

	private static Duration later(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** One running login attempt, counted against its address and its user name. */
	public final class Attempt {

		private final Attempts byAddress;

		private final Attempts byUser;

		private boolean ended;

		private Attempt(Attempts byAddress, Attempts byUser) {
			this.byAddress = byAddress;
			this.byUser = byUser;
		}

		/** The FTP server accepted the login: its count is given back. */
		public void succeeded() {
			end(true);
		}

		/** The login was refused, or could not be checked: it stays counted. */
		public void failed() {
			end(false);
		}

		private void end(boolean succeeded) {
			synchronized (LoginThrottle.this) {
				if (this.ended) {
					return;
				}
				this.ended = true;
				ended(this.byAddress, succeeded);
				ended(this.byUser, succeeded);
			}
		}

	}

	/** The recent attempts of one address or one user name. */
	private static final class Attempts {

		private int count;

		private int running;

		private Instant last;

		private Instant blockedUntil;

		Duration remaining(Instant now) {
			if (this.blockedUntil == null || !now.isBefore(this.blockedUntil)) {
				return Duration.ZERO;
			}
			return Duration.between(now, this.blockedUntil);
		}

	}

}
