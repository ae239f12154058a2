package dev.ftpgateway.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import dev.ftpgateway.pool.WaitingPlace;

/**
 * Runs one check of a cached copy at a time per file and borrower, each shared by every request
 * of that borrower for that file that came before the check's first command went out. A request
 * that finds a check open (not sent yet: waiting for a session, or for the check before it) waits
 * for its answer; one that finds none opens the next, which goes out once the check on the wire,
 * if any, has answered. Under load a popular small file costs one control round trip per wave of
 * requests instead of one each, and the waiting requests hold no session. They hold request
 * threads, though, so each takes a {@link WaitingPlace} of the sessions it would otherwise borrow:
 * when none is left it goes the usual way, where it is refused at once like any request over the
 * bound.
 * <p>
 * Only requests of one borrower ({@link dev.ftpgateway.pool.FtpSessions#borrower}) share a check:
 * the check borrows its session from the share of the request that sends it, and a caller that
 * holds its whole share must not keep other callers waiting for one of its sessions.
 * <p>
 * Sharing keeps the freshness of checking alone: a request takes only the answer of a check whose
 * first command was sent after the request arrived, since a check stops taking requests before
 * sending anything ({@link Check#run}). A check that fails or finds the copy stale answers every
 * request that shared it with empty, and each one then looks the file up itself.
 */
final class CoalescedChecks {

	/** The files with a check open or on the wire, per borrower. */
	private final Map<Key, Slot> slots = new HashMap<>();

	private final Supplier<Optional<WaitingPlace>> places;

	/** @param places where a request that waits for another's check takes its place */
	CoalescedChecks(Supplier<Optional<WaitingPlace>> places) {
		this.places = places;
	}

	/**
	 * The cached copy of {@code absolute} as a check started after this call confirms it, or empty.
	 * @param borrower whose share of the sessions the check borrows from; only requests of the same
	 *        borrower share it
	 * @throws IOException from the check this request ran itself; a shared check's failure is empty
	 */
	Optional<SmallFileCache.Entry> check(String absolute, String borrower, Check check) throws IOException {
		Key key = new Key(absolute, borrower);
		CompletableFuture<Optional<SmallFileCache.Entry>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<SmallFileCache.Entry>> shared;
		CompletableFuture<Optional<SmallFileCache.Entry>> onWire = null;
		synchronized (this.slots) {
			Slot slot = this.slots.computeIfAbsent(key, (file) -> new Slot());
			shared = slot.open;
			if (shared == null) {
				slot.open = mine;
				onWire = slot.onWire;
			}
		}
		if (shared != null) {
			Optional<WaitingPlace> place = this.places.get();
			if (place.isEmpty()) {
				return Optional.empty();
			}
			try (WaitingPlace held = place.get()) {
				return await(shared);
			}
		}
		Optional<SmallFileCache.Entry> result = Optional.empty();
		try {
			if (onWire != null) {
				await(onWire);
			}
			result = check.run(() -> send(key, mine));
			return result;
		}
		finally {
			send(key, mine);
			answered(key, mine);
			mine.complete(result);
		}
	}

	/** The check leaves the open ones: its first command is about to go out. */
	private void send(Key key, CompletableFuture<Optional<SmallFileCache.Entry>> check) {
		synchronized (this.slots) {
			Slot slot = this.slots.get(key);
			if (slot.open == check) {
				slot.open = null;
				slot.onWire = check;
			}
		}
	}

	private void answered(Key key, CompletableFuture<Optional<SmallFileCache.Entry>> check) {
		synchronized (this.slots) {
			Slot slot = this.slots.get(key);
			if (slot.onWire == check) {
				slot.onWire = null;
			}
			if (slot.open == null && slot.onWire == null) {
				this.slots.remove(key);
			}
		}
	}

	private static Optional<SmallFileCache.Entry> await(CompletableFuture<Optional<SmallFileCache.Entry>> check)
			throws InterruptedIOException {
		try {
			return check.get();
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

		CompletableFuture<Optional<SmallFileCache.Entry>> open;

		CompletableFuture<Optional<SmallFileCache.Entry>> onWire;

	}

	/** One check of a cached copy against the server. */
	@FunctionalInterface
	interface Check {

		/**
		 * @param sending to run once a session is at hand and before the first command goes out:
		 *        from then on no other request may share this check
		 */
		Optional<SmallFileCache.Entry> run(Runnable sending) throws IOException;

	}

}
