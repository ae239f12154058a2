package dev.ftpgateway.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs one check of a cached copy for every request that asks for the same file while the check
 * still waits for a session: the first request borrows a session and checks, the ones that come
 * before its first command goes out wait and share the answer. Under load, when requests queue
 * for the pool's few sessions, a popular small file costs one control round trip per wave of
 * requests instead of one each, and the waiting requests hold no session at all.
 * <p>
 * Sharing keeps the freshness of checking alone: a request takes only the answer of a check whose
 * first command was sent after the request arrived, since the check leaves the open ones before
 * sending anything ({@link Check#run}). A check that fails or finds the copy stale answers every
 * request that shared it with empty, and each one then looks the file up itself.
 */
final class CoalescedChecks {

	/** Open checks by absolute path: ones whose first command has not been sent yet. */
	private final ConcurrentHashMap<String, CompletableFuture<Optional<SmallFileCache.Entry>>> open =
			new ConcurrentHashMap<>();

	/**
	 * The cached copy of {@code absolute} as a check started after this call confirms it, or empty.
	 * @throws IOException from the check this request ran itself; a shared check's failure is empty
	 */
	Optional<SmallFileCache.Entry> check(String absolute, Check check) throws IOException {
		CompletableFuture<Optional<SmallFileCache.Entry>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<SmallFileCache.Entry>> shared = this.open.putIfAbsent(absolute, mine);
		if (shared != null) {
			return await(shared);
		}
		Optional<SmallFileCache.Entry> result = Optional.empty();
		try {
			result = check.run(() -> this.open.remove(absolute, mine));
			return result;
		}
		finally {
			this.open.remove(absolute, mine);
			mine.complete(result);
		}
	}

	private static Optional<SmallFileCache.Entry> await(CompletableFuture<Optional<SmallFileCache.Entry>> shared)
			throws InterruptedIOException {
		try {
			return shared.get();
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

	/** One check of a cached copy against the server. */
	@FunctionalInterface
	interface Check {

		/**
		 * @param closing to run once a session is at hand and before the first command goes out:
		 *        from then on no other request may share this check
		 */
		Optional<SmallFileCache.Entry> run(Runnable closing) throws IOException;

	}

}
