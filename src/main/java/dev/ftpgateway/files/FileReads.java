package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Reads from the tree below the root: finds what is at a path on a borrowed session and hands
 * it, as a {@link RemoteFolder} or a {@link RemoteFile}, to a {@link ReadHandler} on the same
 * session. A pooled session found dead before anything was opened is replaced and the read tried
 * once more.
 */
public final class FileReads {

	private final SessionRetry retry;

	private final SmallFileCache cache;

	FileReads(SessionRetry retry, SmallFileCache cache) {
		this.retry = retry;
		this.cache = cache;
	}

	/**
	 * Finds what is at {@code path} and lets {@code handler} read it.
	 * @throws FileOperationException {@code NOT_FOUND} when nothing is there, {@code OUTSIDE_ROOT}
	 *         when the path goes through a symbolic link that leaves the root
	 */
	public <T> T read(RemotePath path, ReadHandler<T> handler) throws IOException {
		return this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(path);
			// A pass-through caller's session may see another tree (its own chroot): only what the
			// gateway's own sessions read is cached, and only for them.
			SmallFileCache cache = session.lease().isShared() ? this.cache : null;
			String absolute = session.absolute(path);
			Optional<SmallFileCache.Entry> fresh = (cache != null) ? cache.fresh(absolute) : Optional.empty();
			if (fresh.isPresent()) {
				return handler.file(new RemoteFile(session, attempt, path, fresh.get()));
			}
			FtpEntry entry = session.statForReading(path);
			if (FileSession.isFolder(entry)) {
				return handler.folder(new RemoteFolder(session, path));
			}
			FileVersion version = session.version(path, entry);
			Instant modified = version.modified().orElse(null);
			Optional<SmallFileCache.Entry> cached = (cache != null && modified != null)
					? cache.validated(absolute, version.size(), modified) : Optional.empty();
			if (cached.isPresent()) {
				return handler.file(new RemoteFile(session, attempt, path, cached.get()));
			}
			return handler.file(new RemoteFile(session, attempt, path, version.size(), modified, cache));
		});
	}

}
