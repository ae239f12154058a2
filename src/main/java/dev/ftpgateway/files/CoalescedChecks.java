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
 * Runs one check of a cached copy at a time per file, each shared by every request for that file
 * that came before the check's first command went out. A request that finds a check open (not
 * sent yet: waiting for a session, or for the check before it) waits for its answer; one that
 * finds none opens the next, which goes out once the check on the wire, if any, has answered.
 * Under load a popular small file costs one control round trip per wave of requests instead of
 * one each, and the waiting requests hold no session. They hold request threads, though, so each
 * takes a {@link WaitingPlace} of the sessions it would otherwise borrow: when none is left it goes
 * the usual way, where it is refused at once like any request over the bound.
 * <p>
 * Sharing keeps the freshness of checking alone: a request takes only the answer of a check whose
 * first command was sent after the request arrived, since a check stops taking requests before
 * sending anything ({@link Check#run}). A check that fails or finds the copy stale answers every
 * request that shared it with empty, and each one then looks the file up itself.
 */
final class CoalescedChecks {

	/** By absolute path, the files with a check open or on the wire. */
	private final Map<String, Slot> slots = new HashMap<>();

	private final Supplier<Optional<WaitingPlace>> places;

	/** @param places where a request that waits for another's check takes its place */
	CoalescedChecks(Supplier<Optional<WaitingPlace>> places) {
		this.places = places;
	}

	/**
	 * The cached copy of {@code absolute} as a check started after this call confirms it, or empty.
	 * @throws IOException from the check this request ran itself; a shared check's failure is empty
	 */
	Optional<SmallFileCache.Entry> check(String absolute, Check check) throws IOException {
		CompletableFuture<Optional<SmallFileCache.Entry>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<SmallFileCache.Entry>> shared;
		CompletableFuture<Optional<SmallFileCache.Entry>> onWire = null;
		synchronized (this.slots) {
			Slot slot = this.slots.computeIfAbsent(absolute, (path) -> new Slot());
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
			result = check.run(() -> send(absolute, mine));
			return result;
		}
		finally {
			send(absolute, mine);
			answered(absolute, mine);
			mine.complete(result);
		}
	}

	/** The check leaves the open ones: its first command is about to go out. */
	private void send(String absolute, CompletableFuture<Optional<SmallFileCache.Entry>> check) {
		synchronized (this.slots) {
			Slot slot = this.slots.get(absolute);
			if (slot.open == check) {
				slot.open = null;
				slot.onWire = check;
			}
		}
	}

	private void answered(String absolute, CompletableFuture<Optional<SmallFileCache.Entry>> check) {
		synchronized (this.slots) {
			Slot slot = this.slots.get(absolute);
			if (slot.onWire == check) {
				slot.onWire = null;
			}
			if (slot.open == null && slot.onWire == null) {
				this.slots.remove(absolute);
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

	/** The checks of one file: the one taking requests, and the one sent. */
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
