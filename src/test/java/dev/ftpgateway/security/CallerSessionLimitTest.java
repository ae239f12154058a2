package dev.ftpgateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallerSessionLimitTest {

	private static final Duration LONG_WAIT = Duration.ofSeconds(30);

	@Test
	void sessionsComingBackGoToTheCallersWaitersInTheOrderTheyAsked() throws Exception {
		CallerSessionLimit limit = new CallerSessionLimit(1, LONG_WAIT);
		limit.acquire("anonymous");
		List<Integer> served = new CopyOnWriteArrayList<>();
		List<Thread> waiters = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int number = i;
			Thread waiter = new Thread(() -> {
				try {
					limit.acquire("anonymous");
					served.add(number);
					limit.release("anonymous");
				}
				catch (Exception ex) {
					served.add(-1);
				}
			});
			waiter.start();
			awaitWaiting(waiter);
			waiters.add(waiter);
		}
		limit.release("anonymous");
		for (Thread waiter : waiters) {
			waiter.join(TimeUnit.SECONDS.toMillis(10));
		}
		assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
	}

	@Test
	void aCallerOverItsShareIsRefusedAfterTheWaitWhileAnotherCallerGetsASessionAtOnce() throws Exception {
		CallerSessionLimit limit = new CallerSessionLimit(1, Duration.ofMillis(50));
		limit.acquire("api-key:busy");
		assertThatExceptionOfType(CallerSessionsExhaustedException.class).isThrownBy(() -> limit.acquire("api-key:busy"));
		limit.acquire("api-key:other");
	}

	@Test
	void callersThatHoldNothingAndWaitForNothingAreForgotten() throws Exception {
		CallerSessionLimit limit = new CallerSessionLimit(1, Duration.ofMillis(20));
		limit.acquire("jwt:a");
		assertThatExceptionOfType(CallerSessionsExhaustedException.class).isThrownBy(() -> limit.acquire("jwt:a"));
		limit.acquire("jwt:b");
		limit.release("jwt:b");
		assertThat(limit.callersRemembered()).isEqualTo(1);
		limit.release("jwt:a");
		assertThat(limit.callersRemembered()).isZero();
	}

	private static void awaitWaiting(Thread thread) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
	}

}
