package dev.ftpgateway.security;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many shared sessions each caller holds, at most {@code maxPerCaller} at once: a caller
 * over its share waits up to {@code maxWait} for one of its own sessions to come back, then is
 * refused, while other callers keep finding sessions in the pool.
 * <p>
 * A caller's waiting requests are served first come, first served: a returned session passes
 * straight to the request that has waited longest, so a newcomer never takes it first. With
 * 100 clients of one caller on the 8 default sessions, letting whoever came next take a returned
 * session (a monitor's {@code notifyAll}) left some requests waiting ten times as long as the rest.
 */
final class CallerSessionLimit {

	private final int maxPerCaller;

	private final Duration maxWait;

	private final ReentrantLock lock = new ReentrantLock();

	/** The callers holding sessions now; the others are forgotten. */
	private final Map<String, Share> shares = new HashMap<>();

	CallerSessionLimit(int maxPerCaller, Duration maxWait) {
		if (maxPerCaller < 1) {
			throw new IllegalArgumentException("maxPerCaller must be at least 1: " + maxPerCaller);
		}
		this.maxPerCaller = maxPerCaller;
		this.maxWait = maxWait;
	}

	/**
	 * Counts one more session for {@code caller}, waiting in line while it holds its share.
	 * @throws CallerSessionsExhaustedException when none of its sessions came back in time
	 */
	void acquire(String caller) throws InterruptedIOException, CallerSessionsExhaustedException {
		this.lock.lock();
		try {
			Share share = this.shares.computeIfAbsent(caller, (name) -> new Share());
			if (share.held < this.maxPerCaller && share.waiting.isEmpty()) {
				share.held++;
				return;
			}
			Turn turn = new Turn(this.lock.newCondition());
			share.waiting.addLast(turn);
			awaitTurn(caller, share, turn);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Counts one session of {@code caller} as given back: it passes to the caller's longest waiter, if any. */
	void release(String caller) {
		this.lock.lock();
		try {
			Share share = this.shares.get(caller);
			if (share != null) {
				passOn(caller, share);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many callers are remembered: those holding sessions. */
	int callersRemembered() {
		this.lock.lock();
		try {
			return this.shares.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitTurn(String caller, Share share, Turn turn)
			throws InterruptedIOException, CallerSessionsExhaustedException {
		long remaining = this.maxWait.toNanos();
		try {
			while (!turn.granted) {
				if (remaining <= 0) {
					share.waiting.remove(turn);
					throw new CallerSessionsExhaustedException(this.maxPerCaller, this.maxWait);
				}
				remaining = turn.signal.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			if (turn.granted) {
				passOn(caller, share);
			}
			else {
				share.waiting.remove(turn);
			}
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting for a session of this caller");
		}
	}

	/** While requests wait, a session stays counted and changes hands; otherwise it is given back. */
	private void passOn(String caller, Share share) {
		Turn next = share.waiting.pollFirst();
		if (next != null) {
			next.granted = true;
			next.signal.signal();
			return;
		}
		share.held--;
		if (share.held == 0) {
			this.shares.remove(caller);
		}
	}

	/** One caller's sessions: how many it holds, and its requests waiting in line for one. */
	private static final class Share {

		private final Deque<Turn> waiting = new ArrayDeque<>();

		private int held;

	}

	/** One waiting request: whether a session has passed to it, and how it is woken. */
	private static final class Turn {

		private final Condition signal;

		private boolean granted;

		Turn(Condition signal) {
			this.signal = signal;
		}

	}

}
