package dev.ftpgateway.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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

	/** Whether taking a waiting place fails with an unexpected exception. */
	private volatile boolean placesFail;

	private final CoalescedChecks checks = new CoalescedChecks(this::takePlace);

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicInteger checksRun = new AtomicInteger();

	/** How many files each check that found its session was given. */
	private final List<Integer> filesPerCheck = new CopyOnWriteArrayList<>();

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
			others.add(this.threads.submit(() -> request("/a.txt", CALLER, this::ownCheck)));
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
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkOnTheWire("/a.txt", replyCame);
		List<Future<Optional<SmallFileCache.Entry>>> later = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			later.add(this.threads.submit(() -> request("/a.txt", CALLER, this::ownCheck)));
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
	void aRequestInterruptedWhileItsFileIsOnTheWireLeavesNoCheckBehindForTheRequestsAfterIt() throws Exception {
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkOnTheWire("/a.txt", replyCame);
		CountDownLatch gaveUp = new CountDownLatch(1);
		Future<?> interrupted = this.threads.submit(() -> {
			try {
				request("/a.txt", CALLER, this::ownCheck);
			}
			catch (InterruptedIOException ex) {
				gaveUp.countDown();
			}
			return null;
		});
		awaitWaiting(1);
		Future<Optional<SmallFileCache.Entry>> sharer = this.threads.submit(() -> request("/a.txt", CALLER,
				this::ownCheck));
		awaitWaiting(2);
		interrupted.cancel(true);
		assertThat(gaveUp.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the interrupted request gave up").isTrue();
		assertThat(sharer.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer to the check it shared").isEmpty();
		replyCame.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		Future<Optional<SmallFileCache.Entry>> next = this.threads.submit(() -> request("/a.txt", CALLER,
				this::ownCheck));
		assertThat(next.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of its own check").isEmpty();
		assertThat(this.checksRun).hasValue(1);
	}

	@Test
	void aFailedCheckFailsTheRequestThatRanItAndAnswersItsSharersWithEmpty() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = this.threads.submit(() -> request("/a.txt", CALLER,
				(files) -> {
					this.checksRun.incrementAndGet();
					await(sessionFree);
					throw new IOException("the server went away");
				}));
		awaitChecksRun(1);
		Future<Optional<SmallFileCache.Entry>> other = this.threads.submit(() -> request("/a.txt", CALLER,
				this::ownCheck));
		awaitWaiting(1);
		sessionFree.countDown();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> first.get(WAIT_SECONDS, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IOException.class);
		assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		assertThat(request("/a.txt", CALLER, this::ownCheck)).as("the next request checks for itself").isEmpty();
		assertThat(this.checksRun).hasValue(2);
	}

	@Test
	void aRequestThatFindsNoWaitingPlaceLeftGoesTheUsualWayAtOnce() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		this.placesLeft.set(0);
		assertThat(request("/a.txt", CALLER, this::ownCheck)).isEmpty();
		assertThat(this.checksRun).as("checks sent").hasValue(1);
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
	}

	@Test
	void requestsForDifferentFilesWaitInLineWhileAsManySendersAsAllowedWaitForSessionsAndGoOutTogether()
			throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		List<Future<Optional<SmallFileCache.Entry>>> requests = new ArrayList<>();
		for (int i = 0; i < CoalescedChecks.MOST_SENDERS; i++) {
			requests.add(sendWaitingForASession("/sender-" + i + ".txt", sessionFree, i + 1));
		}
		int inLine = 6;
		for (int i = 0; i < inLine; i++) {
			String file = "/waiting-" + i + ".txt";
			requests.add(this.threads.submit(() -> request(file, CALLER, this::ownCheck)));
		}
		awaitWaiting(inLine);
		assertThat(this.checksRun).as("sessions asked for").hasValue(CoalescedChecks.MOST_SENDERS);
		sessionFree.countDown();
		for (Future<Optional<SmallFileCache.Entry>> request : requests) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
		assertThat(this.filesPerCheck).as("the first sender with a session takes every file in line")
			.containsExactlyInAnyOrder(CoalescedChecks.MOST_SENDERS + inLine, 0, 0, 0);
		assertThat(this.checksRun).hasValue(CoalescedChecks.MOST_SENDERS);
	}

	@Test
	void aSenderThatIsDoneHandsItsTurnToTheFirstRequestStillInLine() throws Exception {
		this.placesLeft.set(1000);
		List<CountDownLatch> sessionsFree = new ArrayList<>();
		List<Future<Optional<SmallFileCache.Entry>>> senders = new ArrayList<>();
		for (int i = 0; i < CoalescedChecks.MOST_SENDERS; i++) {
			sessionsFree.add(new CountDownLatch(1));
			senders.add(sendWaitingForASession("/sender-" + i + ".txt", sessionsFree.get(i), i + 1));
		}
		int perCheck = CoalescedChecks.MOST_FILES_PER_CHECK;
		int inLine = CoalescedChecks.MOST_SENDERS * perCheck + 3;
		List<Future<Optional<SmallFileCache.Entry>>> waiting = new ArrayList<>();
		for (int i = 0; i < inLine; i++) {
			String file = "/waiting-" + i + ".txt";
			waiting.add(this.threads.submit(() -> request(file, CALLER, this::ownCheck)));
			// One at a time, so that the line holds them in this order.
			awaitWaiting(i + 1);
		}
		sessionsFree.get(0).countDown();
		int sentByTheFirst = perCheck - CoalescedChecks.MOST_SENDERS;
		for (int i = 0; i < inLine; i++) {
			Optional<SmallFileCache.Entry> answer = waiting.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
			if (i < sentByTheFirst) {
				assertThat(answer).as("request %d, sent by the first sender", i).containsSame(ENTRY);
			}
			else {
				assertThat(answer).as("request %d, sent by one that had the turn handed on", i).isEmpty();
			}
		}
		int handedOn = (inLine - sentByTheFirst + perCheck - 1) / perCheck;
		assertThat(this.checksRun).as("checks sent").hasValue(CoalescedChecks.MOST_SENDERS + handedOn);
		sessionsFree.forEach(CountDownLatch::countDown);
		for (Future<Optional<SmallFileCache.Entry>> sender : senders) {
			assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
		assertThat(this.filesPerCheck).containsExactly(perCheck, 0, 0, 0);
	}

	@Test
	void aRequestThatFailsWhileGettingInLineLeavesTheLineAndNoSenderAsksAboutItsFile() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		List<Future<Optional<SmallFileCache.Entry>>> senders = new ArrayList<>();
		for (int i = 0; i < CoalescedChecks.MOST_SENDERS; i++) {
			senders.add(sendWaitingForASession("/sender-" + i + ".txt", sessionFree, i + 1));
		}
		this.placesFail = true;
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> request("/failed.txt", CALLER, this::ownCheck));
		this.placesFail = false;
		sessionFree.countDown();
		for (Future<Optional<SmallFileCache.Entry>> sender : senders) {
			assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
		assertThat(this.filesPerCheck).as("the senders' own files, and not the failed request's")
			.containsExactlyInAnyOrder(CoalescedChecks.MOST_SENDERS, 0, 0, 0);
	}

	@Test
	void aSenderThatIsDoneNeverHandsItsTurnToARequestThatSendsAlready() throws Exception {
		CountDownLatch bReplied = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> b = checkOnTheWire("/b.txt", bReplied);
		CountDownLatch aSessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> a = sendWaitingForASession("/a.txt", aSessionFree, 1);
		bReplied.countDown();
		assertThat(b.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		aSessionFree.countDown();
		assertThat(a.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		CountDownLatch sessionsFree = new CountDownLatch(1);
		List<Future<Optional<SmallFileCache.Entry>>> senders = new ArrayList<>();
		for (int i = 0; i < CoalescedChecks.MOST_SENDERS; i++) {
			senders.add(sendWaitingForASession("/sender-" + i + ".txt", sessionsFree, 2 + i));
		}
		sessionsFree.countDown();
		for (Future<Optional<SmallFileCache.Entry>> sender : senders) {
			assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
	}

	@Test
	void aFailedCheckOfSeveralFilesFailsNoRequestAndEachLooksItsFileUpItself() throws Exception {
		CountDownLatch sessionsFree = new CountDownLatch(1);
		CoalescedChecks.Check failingForSeveral = (files) -> {
			this.checksRun.incrementAndGet();
			await(sessionsFree);
			if (files.get().isEmpty()) {
				return List.of();
			}
			throw new IOException("450 /b.txt is busy");
		};
		Future<Optional<SmallFileCache.Entry>> a = this.threads.submit(() -> request("/a.txt", CALLER, failingForSeveral));
		awaitChecksRun(1);
		Future<Optional<SmallFileCache.Entry>> b = this.threads.submit(() -> request("/b.txt", CALLER, failingForSeveral));
		awaitChecksRun(2);
		sessionsFree.countDown();
		assertThat(a.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		assertThat(b.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void aRequestForAnotherFileSendsAtOnceAndTakesAlongTheFileWhoseSenderStillWaitsForASession() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		assertThat(request("/b.txt", CALLER, this::ownCheck)).isEmpty();
		assertThat(this.checksRun).hasValue(2);
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of the check that took it").isEmpty();
		assertThat(this.filesPerCheck).as("files the first sender found left").containsExactly(0);
	}

	@Test
	void aRequestOfAnotherBorrowerNeverWaitsForACheckThatWaitsForASessionOfTheFirst() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		assertThat(request("/a.txt", "api-key:writer", this::ownCheck)).isEmpty();
		assertThat(this.checksRun).hasValue(2);
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(this.filesPerCheck).as("files the first sender sent").containsExactly(1);
	}

	@Test
	void aRequestThatJoinsACheckWaitingForItsSessionGetsItsAnswerAndHoldsAWaitingPlaceUntilThen() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		Optional<CompletableFuture<Optional<SmallFileCache.Entry>>> joined = this.checks.join("/a.txt", CALLER);
		assertThat(joined).isPresent();
		assertThat(this.placesLeft).as("places left while it waits").hasValue(99);
		assertThat(joined.get()).isNotDone();
		sessionFree.countDown();
		assertThat(joined.get().get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(this.checksRun).hasValue(1);
		assertThat(this.placesLeft).as("places left once answered").hasValue(100);
	}

	@Test
	void noRequestJoinsACheckOnTheWireOrNoCheckAtAll() throws Exception {
		assertThat(this.checks.join("/a.txt", CALLER)).isEmpty();
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkOnTheWire("/a.txt", replyCame);
		assertThat(this.checks.join("/a.txt", CALLER)).isEmpty();
		replyCame.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(this.placesLeft).hasValue(100);
	}

	@Test
	void aRequestThatFindsNoWaitingPlaceLeftOrIsAnotherBorrowersJoinsNoCheck() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkWaitingForASession(sessionFree);
		assertThat(this.checks.join("/a.txt", "api-key:writer")).isEmpty();
		this.placesLeft.set(0);
		assertThat(this.checks.join("/a.txt", CALLER)).isEmpty();
		sessionFree.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(this.placesLeft).hasValue(0);
	}

	private Optional<WaitingPlace> takePlace() {
		if (this.placesFail) {
			throw new IllegalStateException("no place to be had");
		}
		if (this.placesLeft.decrementAndGet() < 0) {
			this.placesLeft.incrementAndGet();
			return Optional.empty();
		}
		return Optional.of(this.placesLeft::incrementAndGet);
	}

	/**
	 * A request for {@code file} whose check is on the wire once this returns, and finds every copy
	 * it was given fresh when {@code replyCame}.
	 */
	private Future<Optional<SmallFileCache.Entry>> checkOnTheWire(String file, CountDownLatch replyCame)
			throws InterruptedException {
		CountDownLatch commandSent = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> request = this.threads.submit(() -> request(file, CALLER, (files) -> {
			List<RemotePath> sent = files.get();
			commandSent.countDown();
			await(replyCame);
			return Collections.nCopies(sent.size(), Optional.of(ENTRY));
		}));
		assertThat(commandSent.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		return request;
	}

	/** A request for /a.txt whose check waits for a session until {@code sessionFree}, then finds the copy fresh. */
	private Future<Optional<SmallFileCache.Entry>> checkWaitingForASession(CountDownLatch sessionFree)
			throws InterruptedException {
		return sendWaitingForASession("/a.txt", sessionFree, 1);
	}

	/**
	 * A request for {@code file} whose check waits for a session until {@code sessionFree}, then
	 * finds every copy it was given fresh; returns once {@code sendersWaiting} such checks wait.
	 */
	private Future<Optional<SmallFileCache.Entry>> sendWaitingForASession(String file, CountDownLatch sessionFree,
			int sendersWaiting) throws InterruptedException {
		Future<Optional<SmallFileCache.Entry>> request = this.threads.submit(() -> request(file, CALLER, (files) -> {
			this.checksRun.incrementAndGet();
			await(sessionFree);
			List<RemotePath> sent = files.get();
			this.filesPerCheck.add(sent.size());
			return Collections.nCopies(sent.size(), Optional.of(ENTRY));
		}));
		awaitChecksRun(sendersWaiting);
		return request;
	}

	private Optional<SmallFileCache.Entry> request(String file, String borrower, CoalescedChecks.Check check)
			throws IOException {
		return this.checks.check(RemotePath.parse(file), file, borrower, check);
	}

	/** A check that finds every copy stale at once. */
	private List<Optional<SmallFileCache.Entry>> ownCheck(Supplier<List<RemotePath>> files) {
		List<RemotePath> sent = files.get();
		this.checksRun.incrementAndGet();
		return Collections.nCopies(sent.size(), Optional.empty());
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
