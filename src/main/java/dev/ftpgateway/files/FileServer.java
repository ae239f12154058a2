package dev.ftpgateway.files;

import java.time.Duration;

import dev.ftpgateway.pool.FtpSessions;

/**
 * One FTP server's tree below a root folder, on the sessions of its pool: the reads, uploads and
 * tree changes over it share what they learn about the server.
 */
public final class FileServer {

	private final FileReads reads;

	private final AtomicUpload uploads;

	private final RemoteTree tree;

	private final SessionRetry retry;

	private final String root;

	private final SmallFileCache cache;

	/**
	 * A server whose symbolic links are followed only while they stay below the root.
	 * @param sessions where sessions are borrowed
	 * @param root the absolute remote folder every path is below, e.g. {@code /}
	 */
	public FileServer(FtpSessions sessions, String root) {
		this(sessions, root, false, SmallFileCache.disabled());
	}

	/**
	 * @param sessions where sessions are borrowed
	 * @param root the absolute remote folder every path is below, e.g. {@code /}
	 * @param followLinksOutsideRoot whether paths may go through symbolic links that point
	 *        outside the root; when false they are refused, which costs a LIST of each folder on
	 *        the path whenever the root is not {@code /}
	 * @param cache where small files read through the gateway's own sessions are kept
	 */
	public FileServer(FtpSessions sessions, String root, boolean followLinksOutsideRoot, SmallFileCache cache) {
		SessionRetry retry = new SessionRetry(sessions, root, new ServerQuirks(),
				new LinkGuard(root, followLinksOutsideRoot));
		this.reads = new FileReads(retry, root, cache);
		this.uploads = new AtomicUpload(retry, root, cache);
		this.tree = new RemoteTree(retry, root, cache);
		this.retry = retry;
		this.root = root;
		this.cache = cache;
	}

	/** Finding out what is at a path, listing folders and opening files. */
	public FileReads reads() {
		return this.reads;
	}

	/** Writing files atomically. */
	public AtomicUpload uploads() {
		return this.uploads;
	}

	/**
	 * Resumable uploads on this server, kept entirely on it.
	 * @param expiry how long an upload lasts after it was created or last received bytes
	 */
	public PartialUploads partialUploads(Duration expiry) {
		return new PartialUploads(this.retry, this.root, expiry, this.cache);
	}

	/** Whole folder trees read for archives, one session each. */
	public FolderArchives archives() {
		return new FolderArchives(this.retry);
	}

	/** Creating folders, deleting and moving. */
	public RemoteTree tree() {
		return this.tree;
	}

}
