package dev.ftpgateway.files;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.ReplyCode;
import dev.ftpgateway.ftp.TransferInputStream;

/**
 * A file found by {@link FileReads#read}: its size and modification time, as the server stated
 * them, and the way to open it on the session that found it, or from the cached copy.
 */
public final class RemoteFile {

	private static final int DIGEST_BUFFER_BYTES = 64 * 1024;

	/** The session that found the file, or null when it is served from the cache. */
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

	/** A file served from the cache: no session needed. */
	RemoteFile(RemotePath path, SmallFileCache.Entry entry) {
		this.session = null;
		this.attempt = null;
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
	 * The file's digest where it can be had without a download, in the first of
	 * {@code algorithms} (JDK names, most wanted first) that can be had: from the cached copy in
	 * the first of them, else from the FTP server's own hash command ({@link HashCommands}), where
	 * the server reads the file and no byte of it crosses to the gateway.
	 * @return empty when the server offers none of them or refuses for this file
	 */
	public Optional<Digest> digestWithoutDownload(List<String> algorithms) throws IOException {
		if (this.cached != null) {
			String algorithm = algorithms.get(0);
			return Optional.of(new Digest(algorithm, Digest.newDigest(algorithm).digest(this.cached)));
		}
		return HashCommands.ask(this.session.client(), this.session.absolute(this.path), algorithms);
	}

	/**
	 * Reads the whole file once and hashes it: the file crosses from the FTP server to the gateway
	 * as a download would, for a digest of a few dozen bytes. From here on a failure is final.
	 */
	public Digest computeDigest(String algorithm) throws IOException {
		MessageDigest digest = Digest.newDigest(algorithm);
		Download in = open(0);
		boolean read = false;
		try {
			byte[] buffer = new byte[DIGEST_BUFFER_BYTES];
			int count;
			while ((count = in.read(buffer, 0, buffer.length)) >= 0) {
				digest.update(buffer, 0, count);
			}
			in.complete();
			read = true;
		}
		finally {
			if (!read) {
				in.abandon();
			}
		}
		return new Digest(algorithm, digest.digest());
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
