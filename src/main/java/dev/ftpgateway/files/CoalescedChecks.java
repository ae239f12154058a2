package dev.ftpgateway.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import dev.ftpgateway.pool.WaitingPlace;

/**
 * Checks cached copies against the server on few sessions, each check asking about many files at
 * once. Per borrower ({@link dev.ftpgateway.pool.FtpSessions#borrower}), one request borrows a
 * session to send checks, and more, up to {@link #MOST_SENDERS}, only while more files wait than
 * the senders take in one round trip each; every other request that needs a check waits in line,
 * and a sender that has its session takes up to {@link #MOST_FILES_PER_CHECK} files from the line,
 * its own first, and asks about all of them in one round trip ({@link FileSession#fileVersions}). A
 * sender that is done hands its turn to the first request still waiting in line, if the line needs
 * one; one that found no session hands none on, and the requests in line look their files up
 * themselves ({@link #releaseLine}). Under load, many different small files cost one round trip and
 * one borrowed session between them instead of one each.
 * <p>
 * A request for a file that already waits in line shares that file's check instead of adding
 * another. A file is asked about once at a time: a request that comes while its file is on the
 * wire gets in line once that answer came, and those that come meanwhile share its check.
 * <p>
 * Sharing keeps the freshness of checking alone: a request takes only the answer of a check whose
 * first command was sent after the request arrived, since files leave the line only when a sender
 * with a session takes them, right before it sends anything. A check that fails or finds a copy
 * stale answers every request waiting for it with empty, and each one then looks the file up
 * itself.
 * <p>
 * Requests waiting in line hold request threads but no session, so each takes a
 * {@link WaitingPlace} of the sessions it would otherwise borrow: one that finds none left goes the
 * usual way, where it is refused at once like any request over the bound. A request that can wait
 * without a thread shares a check through {@link #join}, and holds only its place meanwhile.
 */
final class CoalescedChecks {

	/** The most files one sender asks about in one round trip: all their replies come before any is answered. */
	static final int MOST_FILES_PER_CHECK = 32;

	/** The most requests of one borrower that borrow a session to send checks at a time, however long the line. */
	static final int MOST_SENDERS = 4;

	private final Object lock = new Object();

	/** The files with a check waiting or on the wire, per borrower. */
	private final Map<Key, Slot> slots = new HashMap<>();

	/** Per borrower, the files waiting to be sent and how many requests send them. */
	private final Map<String, Line> lines = new HashMap<>();

	private final Supplier<Optional<WaitingPlace>> places;

	/** @param places where a request that waits for another's check takes its place */
	CoalescedChecks(Supplier<Optional<WaitingPlace>> places) {
		this.places = places;
	}

	/**
	 * The cached copy of {@code file} as a check sent after this call confirms it, or empty.
	 * @param absolute the file's absolute path, which names it among the checks
	 * @param borrower whose share of the sessions the check borrows from; only requests of the same
	 *        borrower share a check
	 * @throws IOException when this request could not check its file: the check it sent itself
	 *         failed, or it found no session to send one; another's failure is empty
	 */
	Optional<SmallFileCache.Entry> check(RemotePath file, String absolute, String borrower, Check check)
			throws IOException {
		Key key = new Key(absolute, borrower);
		Pending mine = new Pending(key, file);
		Pending shared;
		Pending onWire = null;
		synchronized (this.lock) {
			Slot slot = this.slots.computeIfAbsent(key, (k) -> new Slot());
			shared = slot.open;
			if (shared == null) {
				slot.open = mine;
				onWire = slot.onWire;
			}
		}
		if (shared != null) {
			return share(shared);
		}
		if (onWire != null) {
			awaitTurnOfFile(mine, onWire);
		}
		Line line;
		boolean sends;
		synchronized (this.lock) {
			line = this.lines.computeIfAbsent(borrower, (b) -> new Line());
			line.waiting.add(mine);
			sends = needsSender(line);
			if (sends) {
				line.senders++;
				// It sends already: no sender that is done may hand it the turn again.
				mine.turn.complete(null);
			}
		}
		if (sends || waitInLine(mine, line)) {
			send(mine, line, check);
		}
		return await(mine.answer);
	}

	/**
	 * For a request that waits without holding a thread: the answer of the check of
	 * {@code absolute} that waits in line to be sent, shared as {@link #check} shares it, so its
	 * first command goes out after this call. The request holds a {@link WaitingPlace} until the
	 * answer comes.
	 * @return empty when no check of the file waits in line, or no waiting place is left: the
	 *         request then goes through {@link #check}
	 */
	Optional<CompletableFuture<Optional<SmallFileCache.Entry>>> join(String absolute, String borrower) {
		Pending waiting;
		synchronized (this.lock) {
			Slot slot = this.slots.get(new Key(absolute, borrower));
			waiting = (slot != null) ? slot.open : null;
		}
		if (waiting == null) {
			return Optional.empty();
		}
		Optional<WaitingPlace> place = this.places.get();
		if (place.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(waiting.answer.whenComplete((answer, failure) -> place.get().close()));
	}

	private Optional<SmallFileCache.Entry> share(Pending check) throws InterruptedIOException {
		Optional<WaitingPlace> place = this.places.get();
		if (place.isEmpty()) {
			return Optional.empty();
		}
		try (WaitingPlace held = place.get()) {
			return await(check.answer);
		}
	}

	/** Waits until the check of the same file on the wire ({@code onWire}) was answered. */
	private void awaitTurnOfFile(Pending mine, Pending onWire) throws InterruptedIOException {
		boolean answered = false;
		try {
			await(onWire.answer);
			answered = true;
		}
		finally {
			if (!answered) {
				synchronized (this.lock) {
					Slot slot = this.slots.get(mine.key);
					slot.open = null;
					removeIfUnused(mine.key, slot);
				}
				mine.answer.complete(Optional.empty());
			}
		}
	}

	/**
	 * Waits until {@code mine} was answered or its request is to send; a request that finds no
	 * waiting place left, or stops waiting for any other reason, takes its file out of line
	 * unless a sender took it already.
	 * @return whether it is to send
	 */
	private boolean waitInLine(Pending mine, Line line) throws InterruptedIOException {
		boolean settled = false;
		try {
			Optional<WaitingPlace> place = this.places.get();
			if (place.isPresent()) {
				try (WaitingPlace held = place.get()) {
					await(CompletableFuture.anyOf(mine.answer, mine.turn));
				}
				settled = true;
				return mine.turn.isDone();
			}
			synchronized (this.lock) {
				settled = mine.turn.isDone();
			}
			return settled;
		}
		finally {
			if (!settled) {
				leaveLine(mine, line);
			}
		}
	}

	/** Takes {@code mine} out of line, if it still waits, and gives up its turn to send, if it had one. */
	private void leaveLine(Pending mine, Line line) {
		withdraw(line, mine);
		synchronized (this.lock) {
			if (mine.turn.isDone()) {
				line.senders--;
				handOn(line);
			}
		}
	}

	/**
	 * Borrows a session through {@code check}, sends {@code mine} with the files waiting behind
	 * it, and answers them all; then hands the turn on.
	 */
	private void send(Pending mine, Line line, Check check) throws IOException {
		List<Pending> taken = new ArrayList<>();
		try {
			boolean anyWaiting;
			synchronized (this.lock) {
				anyWaiting = !line.waiting.isEmpty();
			}
			if (anyWaiting) {
				List<Optional<SmallFileCache.Entry>> answers = check.run(() -> take(line, mine, taken));
				for (int i = 0; i < taken.size(); i++) {
					taken.get(i).answer.complete(answers.get(i));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (taken.isEmpty()) {
				releaseLine(line, mine);
			}
			// A failed check of several files is no one request's failure: each looks its file up itself.
			if (withdraw(line, mine) || taken.equals(List.of(mine))) {
				throw ex;
			}
		}
		finally {
			withdraw(line, mine);
			synchronized (this.lock) {
				for (Pending sent : taken) {
					Slot slot = this.slots.get(sent.key);
					if (slot != null && slot.onWire == sent) {
						slot.onWire = null;
						removeIfUnused(sent.key, slot);
					}
				}
				line.senders--;
				handOn(line);
			}
			taken.forEach((sent) -> sent.answer.complete(Optional.empty()));
		}
	}

	/**
	 * After a sender found no session (or failed before it took a file): the requests waiting in
	 * line for a turn leave it and look their files up themselves. Handed the turn one after
	 * another, each would first wait as long for a session as the pool lets one request wait, and
	 * the last of a long line would be refused only after all the others. Senders that have their
	 * turn already keep it.
	 */
	private void releaseLine(Line line, Pending mine) {
		List<Pending> released = new ArrayList<>();
		synchronized (this.lock) {
			for (Pending waiting : List.copyOf(line.waiting)) {
				if (waiting != mine && !waiting.turn.isDone()) {
					line.waiting.remove(waiting);
					leave(line, waiting);
					released.add(waiting);
				}
			}
		}
		released.forEach((waiting) -> waiting.answer.complete(Optional.empty()));
	}

	/**
	 * Takes {@code mine} out of line if no sender took it: it will not be sent, and whoever shares
	 * it looks the file up alone.
	 * @return whether it was still in line
	 */
	private boolean withdraw(Line line, Pending mine) {
		synchronized (this.lock) {
			if (!line.waiting.remove(mine)) {
				return false;
			}
			leave(line, mine);
		}
		mine.answer.complete(Optional.empty());
		return true;
	}

	/**
	 * Takes {@code mine}, if it still waits, and the files waiting first: from now on no request
	 * shares their check. Called again (a retry on a new session), it gives the files it took.
	 */
	private List<RemotePath> take(Line line, Pending mine, List<Pending> taken) {
		synchronized (this.lock) {
			if (taken.isEmpty()) {
				if (line.waiting.remove(mine)) {
					taken.add(mine);
				}
				while (taken.size() < MOST_FILES_PER_CHECK && !line.waiting.isEmpty()) {
					taken.add(line.waiting.poll());
				}
				for (Pending sent : taken) {
					Slot slot = this.slots.get(sent.key);
					slot.open = null;
					slot.onWire = sent;
				}
			}
			return taken.stream().map((sent) -> sent.file).toList();
		}
	}

	/**
	 * Whether {@code line} needs another request to send: when more files wait than its senders
	 * take in one round trip each, so one sender while the line is short. Senders whose check is
	 * on the wire count too: they take no more files, but each hands its turn on when done. While
	 * the server answers quickly, one sender with every waiting file costs less than several, each
	 * borrowing a session and waking for a round trip of its own with fewer files; while it answers
	 * slowly, the line grows and brings in more senders.
	 */
	private static boolean needsSender(Line line) {
		return line.senders < MOST_SENDERS && line.waiting.size() > MOST_FILES_PER_CHECK * line.senders;
	}

	/** Gives the next sender's turn, if the line needs one, to the first request in line that has none yet. */
	private void handOn(Line line) {
		if (needsSender(line)) {
			for (Pending next : line.waiting) {
				if (!next.turn.isDone()) {
					line.senders++;
					next.turn.complete(null);
					break;
				}
			}
		}
		if (line.senders == 0 && line.waiting.isEmpty()) {
			this.lines.values().remove(line);
		}
	}

	/** {@code check}, no longer in line, will not be sent: its sharers look the file up themselves. */
	private void leave(Line line, Pending check) {
		Slot slot = this.slots.get(check.key);
		if (slot.open == check) {
			slot.open = null;
		}
		removeIfUnused(check.key, slot);
		if (line.senders == 0 && line.waiting.isEmpty()) {
			this.lines.values().remove(line);
		}
	}

	private void removeIfUnused(Key key, Slot slot) {
		if (slot.open == null && slot.onWire == null) {
			this.slots.remove(key);
		}
	}

	private static <T> T await(CompletableFuture<T> future) throws InterruptedIOException {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for a shared check of a cached file");
		}
		catch (ExecutionException ex) {
			// Never completed exceptionally: a failed check completes with empty.
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** A file, by its absolute path, and the borrower whose requests share its checks. */
	private record Key(String absolute, String borrower) {
	}

	/** The checks of one file for one borrower: the one taking requests, and the one sent. */
	private static final class Slot {

		Pending open;

		Pending onWire;

	}

	/** One borrower's files waiting to be sent, in the order they came, and how many requests send. */
	private static final class Line {

		final ArrayDeque<Pending> waiting = new ArrayDeque<>();

		int senders;

	}

	/** One check of one file, not answered yet. */
	private static final class Pending {

		final Key key;

		final RemotePath file;

		final CompletableFuture<Optional<SmallFileCache.Entry>> answer = new CompletableFuture<>();

		/** Completed when the request that opened this check is to send checks itself. */
		final CompletableFuture<Void> turn = new CompletableFuture<>();

		Pending(Key key, RemotePath file) {
			this.key = key;
			this.file = file;
		}

	}

	/** Checks of cached copies against the server, on one session. */
	@FunctionalInterface
	interface Check {

		/**
		 * @param files to call once a session is at hand and before the first command goes out:
		 *        the files to check, which from then on no other request may share; called again,
		 *        it gives the files it gave the first time
		 * @return the copy each check confirms, or empty, in the order of the files
		 */
		List<Optional<SmallFileCache.Entry>> run(Supplier<List<RemotePath>> files) throws IOException;

	}

}
