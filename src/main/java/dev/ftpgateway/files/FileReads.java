package dev.ftpgateway.files;

import java.io.IOException;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Reads from the tree below the root: finds what is at a path on a borrowed session and hands
 * it, as a {@link RemoteFolder} or a {@link RemoteFile}, to a {@link ReadHandler} on the same
 * session. A pooled session found dead before anything was opened is replaced and the read tried
 * once more.
 */
public final class FileReads {

	private final SessionRetry retry;

	FileReads(SessionRetry retry) {
		this.retry = retry;
	}

	/**
	 * Finds what is at {@code path} and lets {@code handler} read it.
	 * @throws FileOperationException {@code NOT_FOUND} when nothing is there, {@code OUTSIDE_ROOT}
	 *         when the path goes through a symbolic link that leaves the root
	 */
	public <T> T read(RemotePath path, ReadHandler<T> handler) throws IOException {
		return this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(path);
			FtpEntry entry = session.statForReading(path);
			if (FileSession.isFolder(entry)) {
				return handler.folder(new RemoteFolder(session, path));
			}
			FileVersion version = session.version(path, entry);
			return handler.file(new RemoteFile(session, attempt, path, version.size(), version.modified().orElse(null)));
		});
	}

}
