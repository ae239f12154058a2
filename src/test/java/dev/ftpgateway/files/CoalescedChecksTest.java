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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
		Future<Optional<SmallFileCache.Entry>> first = firstCheckFailingOnce("/a.txt", sessionFree, "the server went away");
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
	void requestsForDifferentFilesWaitInLineForTheOneSenderAndGoOutWithItsFile() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> sender = checkWaitingForASession(sessionFree);
		List<Future<Optional<SmallFileCache.Entry>>> waiting = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			waiting.add(inLine("/waiting-" + i + ".txt", waiting.size() + 1));
		}
		assertThat(this.checksRun).as("sessions asked for").hasValue(1);
		sessionFree.countDown();
		assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		for (Future<Optional<SmallFileCache.Entry>> request : waiting) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		}
		assertThat(this.filesPerCheck).as("the sender takes every file in line").containsExactly(1 + waiting.size());
	}

	@Test
	void anotherRequestSendsOnlyWhenMoreFilesWaitThanTheSendersTakeInOneRoundTripEach() throws Exception {
		this.placesLeft.set(1000);
		int perCheck = CoalescedChecks.MOST_FILES_PER_CHECK;
		CountDownLatch sessionsFree = new CountDownLatch(1);
		List<Future<Optional<SmallFileCache.Entry>>> requests = new ArrayList<>();
		int waiting = 0;
		for (int senders = 1; senders <= CoalescedChecks.MOST_SENDERS; senders++) {
			requests.add(sendWaitingForASession("/sender-" + senders + ".txt", sessionsFree, senders));
			// The line holds every sender's file until it has a session to take them.
			while (waiting + senders < perCheck * senders) {
				requests.add(inLine("/waiting-" + waiting + ".txt", ++waiting));
			}
			assertThat(this.checksRun).as("senders with %d files in line", waiting + senders).hasValue(senders);
		}
		for (int i = 0; i < 2 * perCheck; i++) {
			requests.add(inLine("/more-" + i + ".txt", ++waiting));
		}
		assertThat(this.checksRun).as("senders, however long the line").hasValue(CoalescedChecks.MOST_SENDERS);
		sessionsFree.countDown();
		for (Future<Optional<SmallFileCache.Entry>> request : requests) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("answered").isNotNull();
		}
		assertThat(this.filesPerCheck).as("files each sender took")
			.containsExactlyElementsOf(Collections.nCopies(CoalescedChecks.MOST_SENDERS, perCheck));
		assertThat(this.threads.submit(() -> request("/after.txt", CALLER, this::ownCheck))
			.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("a request once the line is empty sends at once").isEmpty();
	}

	@Test
	void aSenderThatIsDoneHandsNoTurnOnWhileTheOtherSendersTakeEveryFileInLine() throws Exception {
		this.placesLeft.set(1000);
		int perCheck = CoalescedChecks.MOST_FILES_PER_CHECK;
		CountDownLatch firstReplyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = checkOnTheWire("/first.txt", firstReplyCame);
		List<Future<Optional<SmallFileCache.Entry>>> waiting = new ArrayList<>();
		for (int i = 0; i < perCheck; i++) {
			waiting.add(inLine("/waiting-" + i + ".txt", waiting.size() + 1));
		}
		CountDownLatch secondReplyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> second = checkOnTheWire("/second.txt", secondReplyCame);
		// The second sender took its own file and all but the last one waiting.
		firstReplyCame.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		Future<Optional<SmallFileCache.Entry>> last = waiting.get(perCheck - 1);
		assertThatExceptionOfType(TimeoutException.class).as("the last file sent before the second sender is done")
			.isThrownBy(() -> last.get(200, TimeUnit.MILLISECONDS));
		assertThat(this.checksRun).hasValue(0);
		secondReplyCame.countDown();
		assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		for (Future<Optional<SmallFileCache.Entry>> request : waiting.subList(0, perCheck - 1)) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("sent by the second sender").containsSame(ENTRY);
		}
		assertThat(last.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of its own check, once handed the turn")
			.isEmpty();
		assertThat(this.checksRun).hasValue(1);
	}

	@Test
	void aSenderThatFindsNoSessionHandsNoTurnOnAndTheRequestsInLineLookTheirFilesUpThemselves() throws Exception {
		CountDownLatch sessionRefused = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> sender = firstCheckFailingOnce("/sender.txt", sessionRefused,
				"421 Too many connections");
		Future<Optional<SmallFileCache.Entry>> first = inLine("/first.txt", 1);
		Future<Optional<SmallFileCache.Entry>> second = inLine("/second.txt", 2);
		sessionRefused.countDown();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> sender.get(WAIT_SECONDS, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IOException.class);
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("no answer: it looks its file up itself").isEmpty();
		assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("no answer: it looks its file up itself").isEmpty();
		assertThat(this.checksRun).as("the sender's only: no request in line waited for a session in its turn")
			.hasValue(1);
	}

	@Test
	void aRequestInterruptedWhileItWaitsInLineLeavesItAndTheRequestsBehindItAreStillSent() throws Exception {
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> sender = checkOnTheWire("/sender.txt", replyCame);
		Future<Optional<SmallFileCache.Entry>> interrupted = inLine("/interrupted.txt", 1);
		Future<Optional<SmallFileCache.Entry>> behind = inLine("/behind.txt", 2);
		interrupted.cancel(true);
		awaitWaiting(1);
		replyCame.countDown();
		assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(behind.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of its own check").isEmpty();
		assertThat(this.checksRun).hasValue(1);
	}

	@Test
	void aSenderThatIsDoneHandsItsTurnToTheFirstRequestStillInLine() throws Exception {
		CountDownLatch replyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> sender = checkOnTheWire("/sender.txt", replyCame);
		List<String> sentBy = new CopyOnWriteArrayList<>();
		List<Future<Optional<SmallFileCache.Entry>>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String file = "/waiting-" + i + ".txt";
			waiting.add(this.threads.submit(() -> request(file, CALLER, (files) -> {
				sentBy.add(file);
				this.filesPerCheck.add(files.get().size());
				return Collections.nCopies(files.get().size(), Optional.empty());
			})));
			// One at a time, so that the line holds them in this order.
			awaitWaiting(i + 1);
		}
		assertThat(sentBy).as("checks sent while one is on the wire and the line is short").isEmpty();
		replyCame.countDown();
		assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		for (Future<Optional<SmallFileCache.Entry>> request : waiting) {
			assertThat(request.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("the answer of the handed-on check").isEmpty();
		}
		assertThat(sentBy).containsExactly("/waiting-0.txt");
		assertThat(this.filesPerCheck).containsExactly(3);
	}

	@Test
	void aRequestThatFailsWhileGettingInLineLeavesTheLineAndNoSenderAsksAboutItsFile() throws Exception {
		CountDownLatch sessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> sender = checkWaitingForASession(sessionFree);
		this.placesFail = true;
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> request("/failed.txt", CALLER, this::ownCheck));
		this.placesFail = false;
		sessionFree.countDown();
		assertThat(sender.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		assertThat(this.filesPerCheck).as("the sender's own file, and not the failed request's").containsExactly(1);
	}

	@Test
	void aSenderThatIsDoneNeverHandsItsTurnToARequestThatSendsAlready() throws Exception {
		this.placesLeft.set(1000);
		int perCheck = CoalescedChecks.MOST_FILES_PER_CHECK;
		CountDownLatch firstSessionFree = new CountDownLatch(1);
		CountDownLatch firstSent = new CountDownLatch(1);
		CountDownLatch firstReplyCame = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> first = this.threads.submit(() -> request("/first.txt", CALLER,
				(files) -> {
					this.checksRun.incrementAndGet();
					await(firstSessionFree);
					List<RemotePath> sent = files.get();
					firstSent.countDown();
					await(firstReplyCame);
					return Collections.nCopies(sent.size(), Optional.of(ENTRY));
				}));
		awaitChecksRun(1);
		List<Future<Optional<SmallFileCache.Entry>>> waiting = new ArrayList<>();
		for (int i = 0; i < perCheck - 1; i++) {
			waiting.add(inLine("/taken-" + i + ".txt", waiting.size() + 1));
		}
		CountDownLatch secondSessionFree = new CountDownLatch(1);
		Future<Optional<SmallFileCache.Entry>> second = sendWaitingForASession("/second.txt", secondSessionFree, 2);
		for (int i = 0; i < perCheck - 1; i++) {
			waiting.add(inLine("/left-" + i + ".txt", waiting.size() + 1));
		}
		firstSessionFree.countDown();
		assertThat(firstSent.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		// The second sender, still waiting for its session, is now first in line, and one more file
		// makes the line longer than one round trip takes.
		waiting.add(inLine("/left-" + (perCheck - 1) + ".txt", waiting.size() + 1));
		firstReplyCame.countDown();
		assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).containsSame(ENTRY);
		awaitChecksRun(3);
		// The first request behind the second sender had the turn, and took the second sender's file along.
		secondSessionFree.countDown();
		assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		for (int i = 0; i < waiting.size(); i++) {
			Optional<SmallFileCache.Entry> answer = waiting.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
			if (i < perCheck - 1 || i == waiting.size() - 1) {
				assertThat(answer).as("request %d, sent by the first sender or the second", i).containsSame(ENTRY);
			}
			else {
				assertThat(answer).as("request %d, sent by the one handed the turn", i).isEmpty();
			}
		}
		assertThat(this.threads.submit(() -> request("/after.txt", CALLER, this::ownCheck))
			.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("a request once the line is empty sends at once").isEmpty();
	}

	@Test
	void aFailedCheckOfSeveralFilesFailsNoRequestAndEachLooksItsFileUpItself() throws Exception {
		CountDownLatch sessionsFree = new CountDownLatch(1);
		CoalescedChecks.Check failingForSeveral = (files) -> {
			this.checksRun.incrementAndGet();
			await(sessionsFree);
			files.get();
			throw new IOException("450 /b.txt is busy");
		};
		Future<Optional<SmallFileCache.Entry>> a = this.threads.submit(() -> request("/a.txt", CALLER, failingForSeveral));
		awaitChecksRun(1);
		Future<Optional<SmallFileCache.Entry>> b = this.threads.submit(() -> request("/b.txt", CALLER, failingForSeveral));
		awaitWaiting(1);
		sessionsFree.countDown();
		assertThat(a.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		assertThat(b.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.checksRun).as("checks sent").hasValue(1);
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

	/**
	 * The first request, for {@code file}, whose check waits until {@code released} and then fails
	 * with {@code reply} before it takes any file; returns once that check waits.
	 */
	private Future<Optional<SmallFileCache.Entry>> firstCheckFailingOnce(String file, CountDownLatch released,
			String reply) throws InterruptedException {
		Future<Optional<SmallFileCache.Entry>> request = this.threads.submit(() -> request(file, CALLER, (files) -> {
			this.checksRun.incrementAndGet();
			await(released);
			throw new IOException(reply);
		}));
		awaitChecksRun(1);
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

	/**
	 * A request for {@code file} that waits in line and finds its copy stale if it is to send;
	 * returns once {@code waiting} requests wait in line or for an answer.
	 */
	private Future<Optional<SmallFileCache.Entry>> inLine(String file, int waiting) throws InterruptedException {
		Future<Optional<SmallFileCache.Entry>> request = this.threads.submit(() -> request(file, CALLER, this::ownCheck));
		awaitWaiting(waiting);
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
