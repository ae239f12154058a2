package dev.ftpgateway.security;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many shared sessions each caller holds, at most {@code maxPerCaller} at once: a caller
 * over its share waits up to {@code maxWait} for one of its own sessions to come back, then is
 * refused, while other callers keep finding sessions in the pool.
 */
final class CallerSessionLimit {

	private final int maxPerCaller;

	private final Duration maxWait;

	private final Map<String, Integer> held = new HashMap<>();

	CallerSessionLimit(int maxPerCaller, Duration maxWait) {
		if (maxPerCaller < 1) {
			throw new IllegalArgumentException("maxPerCaller must be at least 1: " + maxPerCaller);
		}
		this.maxPerCaller = maxPerCaller;
		this.maxWait = maxWait;
	}

	/**
	 * Counts one more session for {@code caller}, waiting while it holds its share.
	 * @throws CallerSessionsExhaustedException when none of its sessions came back in time
	 */
	synchronized void acquire(String caller) throws InterruptedIOException, CallerSessionsExhaustedException {
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		while (this.held.getOrDefault(caller, 0) >= this.maxPerCaller) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new CallerSessionsExhaustedException(this.maxPerCaller, this.maxWait);
			}
			try {
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted while waiting for a session of this caller");
			}
		}
		this.held.merge(caller, 1, Integer::sum);
	}

	/** Counts one session of {@code caller} as given back. */
	synchronized void release(String caller) {
		// Forget callers without sessions, so the map holds only those borrowing now.
		this.held.computeIfPresent(caller, (name, count) -> (count > 1) ? count - 1 : null);
		notifyAll();
	}

}
