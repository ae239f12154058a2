package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.pool.Lease;

/**
 * A download from the FTP server on a borrowed session (RETR). A small file read whole is
 * offered to the cache once the server's 226 confirmed it.
 */
final class FtpDownload implements Download {

	private static final System.Logger logger = System.getLogger(FtpDownload.class.getName());

	/**
	 * How long an abandoned download waits for each reply of its ABOR: the session is destroyed
	 * afterwards anyway, and MINA FtpServer sometimes never answers an ABOR that came with Telnet
	 * Synch, which would hold the request for a full reply timeout.
	 */
	private static final Duration ABORT_REPLY_TIMEOUT = Duration.ofSeconds(2);

	private final TransferInputStream in;

	private final Lease lease;

	private final long offset;

	/** Collects a small file's bytes for the cache, or null when this download is not cached. */
	private final SmallFileCache.Filling filling;

	FtpDownload(TransferInputStream in, Lease lease, long offset, SmallFileCache.Filling filling) {
		this.in = in;
		this.lease = lease;
		this.offset = offset;
		this.filling = filling;
	}

	@Override
	public long offset() {
		return this.offset;
	}

	@Override
	public boolean readsDirectly() {
		return this.in.readsChannelDirectly();
	}

	@Override
	public int read(ByteBuffer buffer) throws IOException {
		int start = buffer.position();
		int n = this.in.read(buffer);
		if (n > 0 && this.filling != null) {
			this.filling.add(buffer.duplicate().position(start).limit(start + n));
		}
		return n;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0 && this.filling != null) {
			this.filling.add(ByteBuffer.wrap(buffer, offset, n));
		}
		return n;
	}

	@Override
	public boolean isAtEnd() throws IOException {
		return this.in.read() == -1;
	}

	@Override
	public void complete() throws IOException {
		this.in.close();
		if (this.filling != null) {
			this.filling.complete();
		}
	}

	/**
	 * After ABOR servers disagree on the replies that follow, so the session is destroyed instead
	 * of reused, and its abort waits only briefly for them.
	 */
	@Override
	public void abandon() {
		this.lease.markBroken();
		try {
			this.lease.client().settings().setReplyTimeout(ABORT_REPLY_TIMEOUT);
			this.in.abort();
		}
		catch (IOException | RuntimeException ex) {
			// The session is marked broken and will be destroyed; the caller's failure matters more.
			logger.log(System.Logger.Level.DEBUG, "Aborting a download failed too", ex);
		}
	}

}
