package dev.ftpgateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down clients that keep presenting wrong credentials: after {@code freeFailures}
 * failures, each further failure shuts the client out for twice as long as the last, from one
 * second up to {@code maxDelay}. Shut-out requests are answered 429 without reaching any
 * authentication, and so without a login attempt on the FTP server.
 * <p>
 * Keyed by client address; remembers at most {@value #MAX_CLIENTS} clients, forgetting the
 * longest quiet first, and forgets a client {@link #FORGET_AFTER} after its last failure.
 */
public final class LoginThrottle {

	static final int MAX_CLIENTS = 10_000;

	static final Duration FORGET_AFTER = Duration.ofMinutes(15);

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private final int freeFailures;

	private final Duration maxDelay;

	private final Clock clock;

	private final Map<String, Failures> clients = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > MAX_CLIENTS;
		}

	};

	public LoginThrottle(int freeFailures, Duration maxDelay, Clock clock) {
		if (freeFailures < 0 || maxDelay.isNegative()) {
			throw new IllegalArgumentException("freeFailures and maxDelay must not be negative");
		}
		this.freeFailures = freeFailures;
		this.maxDelay = maxDelay;
		this.clock = clock;
	}

	/** How long {@code client} must still wait before it may try credentials again; zero when it may now. */
	public synchronized Duration remainingDelay(String client) {
		Failures failures = this.clients.get(client);
		if (failures == null || failures.blockedUntil == null) {
			return Duration.ZERO;
		}
		Duration remaining = Duration.between(this.clock.instant(), failures.blockedUntil);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	/** Counts one failed authentication by {@code client}. */
	public synchronized void failed(String client) {
		Instant now = this.clock.instant();
		Failures failures = this.clients.get(client);
		if (failures == null || failures.last.plus(FORGET_AFTER).isBefore(now)) {
			failures = new Failures();
			this.clients.put(client, failures);
		}
		failures.count++;
		failures.last = now;
		int over = failures.count - this.freeFailures;
		if (over > 0) {
			// Shifting past 30 bits would overflow; the delay is capped long before that anyway.
			Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(over - 1, 30));
			failures.blockedUntil = now.plus((delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay);
		}
	}

	/** One client's recent failures. */
	private static final class Failures {

		private int count;

		private Instant last;

		private Instant blockedUntil;

	}

}
