package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.ReplyCode;
import dev.ftpgateway.ftp.TransferInputStream;

/**
 * A file found by {@link FileReads#read}: its size and modification time, as the server stated
 * them, and the way to open it on the session that found it.
 */
public final class RemoteFile {

	private final FileSession session;

	private final SessionRetry.Attempt attempt;

	private final RemotePath path;

	private final long size;

	private final Instant modified;

	/** Where a whole read of this file may be kept, or null. */
	private final SmallFileCache cache;

	/** The bytes of the file from the cache, or null when it is read from the server. */
	private final byte[] cached;

	/** A file read from the server, and kept in {@code cache} (when not null) if it is small. */
	RemoteFile(FileSession session, SessionRetry.Attempt attempt, RemotePath path, long size, Instant modified,
			SmallFileCache cache) {
		this.session = session;
		this.attempt = attempt;
		this.path = path;
		this.size = size;
		this.modified = modified;
		this.cache = cache;
		this.cached = null;
	}

	/** A file served from the cache. */
	RemoteFile(FileSession session, SessionRetry.Attempt attempt, RemotePath path, SmallFileCache.Entry entry) {
		this.session = session;
		this.attempt = attempt;
		this.path = path;
		this.size = entry.size;
		this.modified = entry.modified;
		this.cache = null;
		this.cached = entry.bytes;
	}

	public RemotePath path() {
		return this.path;
	}

	/** The size in bytes, or -1 when the server did not say. */
	public long size() {
		return this.size;
	}

	/** The last modification time, when the server said. */
	public Optional<Instant> modified() {
		return Optional.ofNullable(this.modified);
	}

	/**
	 * Whether the file can be read from an offset: the server announces REST STREAM (RFC 3659)
	 * or announces nothing, and has not refused REST.
	 */
	public boolean readsFromOffsets() throws IOException {
		if (this.cached != null) {
			return true;
		}
		Map<String, String> features = this.session.client().features();
		return !this.session.quirks().restRefused() && (features.isEmpty() || features.containsKey("REST"));
	}

	/**
	 * Opens the file for reading from {@code offset} (RETR, after REST when not 0): the server
	 * has answered 150 and sent its first byte when this returns, so a refusal is still an
	 * exception the caller can answer with. A server that refuses REST (Twisted: 502) is read
	 * from the beginning instead, which {@link Download#offset()} shows. From here on a failure
	 * is final: the read is not tried again.
	 */
	public Download open(long offset) throws IOException {
		if (this.cached != null) {
			this.attempt.commit();
			return new CachedDownload(this.cached, offset);
		}
		long start = (offset > 0 && readsFromOffsets()) ? offset : 0;
		TransferInputStream in;
		try {
			in = this.session.client().retrieve(this.session.absolute(this.path), start);
		}
		catch (FtpPermanentException ex) {
			if (start == 0 || !ReplyCode.meansNotImplemented(ex.replyCode())) {
				throw ex;
			}
			this.session.quirks().restWasRefused();
			start = 0;
			in = this.session.client().retrieve(this.session.absolute(this.path), start);
		}
		this.attempt.commit();
		SmallFileCache.Filling filling = (this.cache != null && start == 0)
				? this.cache.filling(this.session.absolute(this.path), this.size, this.modified) : null;
		return new FtpDownload(in, this.session.lease(), start, filling);
	}

}
