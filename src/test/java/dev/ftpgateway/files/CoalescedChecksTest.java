package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.pool.WaitingPlace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Requests of one borrower for the same cached file share a check while it waits for its session
 * or for the check before it, and never take the answer of a check whose first command went out
 * before they came.
 */
class CoalescedChecksTest {

	private static final long WAIT_SECONDS = 10;

	private static final SmallFileCache.Entry ENTRY = new SmallFileCache.Entry(5, Instant.EPOCH, new byte[5],
			Instant.EPOCH);

	private static final String CALLER = "api-key:reader";

	/** How many requests may wait for another's check; the tests lower it. */
	private final AtomicInteger placesLeft = new AtomicInteger(100);

	private final CoalescedChecks checks = new CoalescedChecks(this::takePlace);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicInteger checksRun = new AtomicInteger();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void requestsThatComeWhileACheckWaitsForItsSessionShareItsAnswer() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		List<Future<Optional<SmallFileCache.Entry>>> others = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			others.add(this.threads.submit(() -> this.checks.check("/a.txt", CALLER, this::ownCheck)));
		}
		awaitWaiting(others.size());
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		for (Future<Optional<SmallFileCache.Entry>> other : others) {
			assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
		assertThat(this.checksRun).hasValue(1);
	}

	@Test
	void requestsThatComeAfterTheCheckWentOutShareTheNextOneSentOnceItIsAnswered() throws Exception {
		CountDownLatch commandSent = new CountDownLatch(1);
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = this.threads.submit(() -> this.checks.check("/a.txt", CALLER,
				(sending) -> {
					sending.run();
					commandSent.countDown();
					await(replyCame);
					return Optional.of(ENTRY);
				}));
		assertThat(commandSent.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		List<Future<Optional<SmallFileCache.Entry>>> later = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			later.add(this.threads.submit(() -> this.checks.check("/a.txt", CALLER, this::ownCheck)));
		}
		awaitWaiting(later.size());
		assertThat(this.checksRun).as("checks sent while the first is on the wire").hasValue(0);
		replyCame.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		for (Future<Optional<SmallFileCache.Entry>> request : later) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of their own check").isEmpty();
		}
		assertThat(this.checksRun).hasValue(1);
	}

	@Test
	void aFailedCheckFailsTheRequestThatRanItAndAnswersItsSharersWithEmpty() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = this.threads.submit(() -> this.checks.check("/a.txt", CALLER,
				(sending) -> {
					this.checksRun.incrementAndGet();
					await(sessionFree);
					throw new IOException("the server went away");
				}));
		awaitChecksRun(1);
		Future<Optional<SmallFileCache.Entry>> other = this.threads.submit(() -> this.checks.check("/a.txt", CALLER,
				this::ownCheck));
		awaitWaiting(1);
		sessionFree.countDown();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> first.get(WAIT_SECONDS, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IOException.class);
		assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.checks.check("/a.txt", CALLER, this::ownCheck)).as("the next request checks for itself").isEmpty();
		assertThat(this.checksRun).hasValue(2);
	}

	@Test
	void aRequestThatFindsNoWaitingPlaceLeftGoesTheUsualWayAtOnce() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		this.placesLeft.set(0);
		assertThat(this.checks.check("/a.txt", CALLER, this::ownCheck)).isEmpty();
		assertThat(this.checksRun).as("checks sent").hasValue(1);
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
	}

	@Test
	void checksOfDifferentFilesAreNotShared() throws Exception {
		assertChecksAloneWhileTheFirstWaitsForItsSession("/b.txt", CALLER);
	}

	@Test
	void aRequestOfAnotherBorrowerNeverWaitsForACheckThatWaitsForASessionOfTheFirst() throws Exception {
		assertChecksAloneWhileTheFirstWaitsForItsSession("/a.txt", "api-key:writer");
	}

	/**
	 * A request for {@code file} by {@code borrower} runs a check of its own at once while
	 * {@link #CALLER}'s check of /a.txt waits for its session.
	 */
	private void assertChecksAloneWhileTheFirstWaitsForItsSession(String file, String borrower) throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		assertThat(this.checks.check(file, borrower, this::ownCheck)).isEmpty();
		assertThat(this.checksRun).hasValue(2);
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
	}

	private Optional<WaitingPlace> takePlace() {
		if (this.placesLeft.decrementAndGet() < 0) {
			this.placesLeft.incrementAndGet();
			return Optional.empty();
		}
		return Optional.of(this.placesLeft::incrementAndGet);
	}

	/** A request for /a.txt whose check waits for a session until {@code sessionFree}, then finds the copy fresh. */
	private Future<Optional<SmallFileCache.Entry>> checkWaitingForASession(CountDownLatch sessionFree)
			throws InterruptedException {
		Future<Optional<SmallFileCache.Entry>> request = this.threads.submit(() -> this.checks.check("/a.txt", CALLER,
				(sending) -> {
					this.checksRun.incrementAndGet();
					await(sessionFree);
					sending.run();
					return Optional.of(ENTRY);
				}));
		awaitChecksRun(1);
		return request;
	}

	/** A check that finds the copy stale at once. */
	private Optional<SmallFileCache.Entry> ownCheck(Runnable sending) {
		sending.run();
		this.checksRun.incrementAndGet();
		return Optional.empty();
	}

	private void awaitChecksRun(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		while (this.checksRun.get() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.checksRun).hasValue(count);
	}

	/** Waits until {@code count} of the executor's threads are parked: the sharers, waiting for the answer. */
	private void awaitWaiting(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		while (waitingSharers() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(waitingSharers()).isEqualTo(count);
	}

	private static long waitingSharers() {
		return Thread.getAllStackTraces().entrySet().stream()
			.filter((thread) -> thread.getKey().getState() == Thread.State.WAITING)
			.filter((thread) -> isInAwait(thread.getValue()))
			.count();
	}

	private static boolean isInAwait(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().equals(CoalescedChecks.class.getName()) && frame.getMethodName().equals("await")) {
				return true;
			}
		}
		return false;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
