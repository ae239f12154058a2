package dev.ftpgateway.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Reads from the tree below the root: finds what is at a path on a borrowed session and hands
 * it, as a {@link RemoteFolder} or a {@link RemoteFile}, to a {@link ReadHandler} on the same
 * session. A pooled session found dead before anything was opened is replaced and the read tried
 * once more.
 * <p>
 * A small file kept in the {@link SmallFileCache} is handed over without a session: its copy was
 * checked against the server after the request came, by a check shared with the same caller's
 * other requests for it and for the other files they wait for ({@link CoalescedChecks}), or
 * within the cache's {@code max-stale}. A request that can wait without holding a thread joins
 * such a check through {@link #awaitingCheck}.
 */
public final class FileReads {

	private final SessionRetry retry;

	private final String root;

	private final SmallFileCache cache;

	private final CoalescedChecks checks;

	FileReads(SessionRetry retry, String root, SmallFileCache cache) {
		this.retry = retry;
		this.checks = new CoalescedChecks(retry::waitingPlace);
		this.root = root;
		this.cache = cache;
	}

	/**
	 * Finds what is at {@code path} and lets {@code handler} read it.
	 * @throws FileOperationException {@code NOT_FOUND} when nothing is there, {@code OUTSIDE_ROOT}
	 *         when the path goes through a symbolic link that leaves the root
	 */
	public <T> T read(RemotePath path, ReadHandler<T> handler) throws IOException {
		Optional<SmallFileCache.Entry> kept = cachedCopy(path);
		if (kept.isPresent()) {
			return handler.file(new RemoteFile(path, kept.get()));
		}
		return this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(path);
			// A pass-through caller's session may see another tree (its own chroot): only what the
			// gateway's own sessions read is cached, and only for them.
			SmallFileCache cache = session.lease().isShared() ? this.cache : null;
			FtpEntry entry = session.statForReading(path);
			if (FileSession.isFolder(entry)) {
				return handler.folder(new RemoteFolder(session, path));
			}
			FileVersion version = session.version(path, entry);
			Optional<SmallFileCache.Entry> cached = (cache != null)
					? cache.validated(session.absolute(path), version) : Optional.empty();
			if (cached.isPresent()) {
				// Served from memory: nothing after this is worth a second try.
				attempt.commit();
				return handler.file(new RemoteFile(path, cached.get()));
			}
			return handler.file(new RemoteFile(session, attempt, path, version.size(),
					version.modified().orElse(null), cache));
		});
	}

	/**
	 * For a request that can wait without holding a thread: the check of the cached copy of the
	 * file at {@code path} that another of the caller's requests is about to send, answered with
	 * the copy it confirms, or with empty when the copy is stale or the check failed; {@link #read}
	 * then looks the file up.
	 * @return empty when no such check waits: {@link #read} serves the request
	 */
	public Optional<CompletableFuture<Optional<RemoteFile>>> awaitingCheck(RemotePath path) {
		if (path.hasTrailingSlash() || !this.retry.lendsSharedSessions()) {
			return Optional.empty();
		}
		String absolute = path.under(this.root);
		if (!this.cache.holds(absolute) || this.cache.fresh(absolute).isPresent()) {
			return Optional.empty();
		}
		return this.checks.join(absolute, this.retry.borrower())
			.map((answer) -> answer.thenApply((copy) -> copy.map((entry) -> new RemoteFile(path, entry))));
	}

	/** The cached copy of the file at {@code path}, when there is one for this caller and it is fresh. */
	private Optional<SmallFileCache.Entry> cachedCopy(RemotePath path) throws IOException {
		if (path.hasTrailingSlash() || !this.retry.lendsSharedSessions()) {
			return Optional.empty();
		}
		String absolute = path.under(this.root);
		Optional<SmallFileCache.Entry> fresh = this.cache.fresh(absolute);
		if (fresh.isPresent() || !this.cache.holds(absolute)) {
			return fresh;
		}
		String borrower = this.retry.borrower();
		return this.checks.check(path, absolute, borrower, (files) -> this.retry.run((session, attempt) -> {
			List<RemotePath> checked = files.get();
			if (!session.lease().isShared()) {
				return Collections.nCopies(checked.size(), Optional.empty());
			}
			return validated(session, checked);
		}));
	}

	/**
	 * The cached copy of each file that the server states unchanged now, or empty; a file behind a
	 * link that leaves the root is left out here and refused by the request's own lookup.
	 */
	private List<Optional<SmallFileCache.Entry>> validated(FileSession session, List<RemotePath> files)
			throws IOException {
		List<RemotePath> inside = new ArrayList<>(files.size());
		for (RemotePath file : files) {
			if (staysInsideRoot(session, file)) {
				inside.add(file);
			}
		}
		Iterator<Optional<FileVersion>> versions = session.fileVersions(inside).iterator();
		List<Optional<SmallFileCache.Entry>> copies = new ArrayList<>(files.size());
		for (RemotePath file : files) {
			Optional<FileVersion> version = inside.contains(file) ? versions.next() : Optional.empty();
			copies.add(version.flatMap((found) -> this.cache.validated(session.absolute(file), found)));
		}
		return copies;
	}

	private static boolean staysInsideRoot(FileSession session, RemotePath file) throws IOException {
		try {
			session.refuseLinksLeavingRoot(file);
			return true;
		}
		catch (FileOperationException ex) {
			return false;
		}
	}

}
