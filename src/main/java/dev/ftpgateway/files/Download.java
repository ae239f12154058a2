package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.pool.Lease;

/**
 * An opened download on a borrowed session: the caller reads it, then either
 * {@link #complete()}s it (the server's 226 confirms it) or {@link #abandon()}s it, which costs
 * the session. Reads fail with the FTP side's exceptions; telling them from failures on the
 * caller's side is the caller's job.
 */
public final class Download {

	private static final System.Logger logger = System.getLogger(Download.class.getName());

	/**
	 * How long an abandoned download waits for each reply of its ABOR: the session is destroyed
	 * afterwards anyway, and MINA FtpServer sometimes never answers an ABOR that came with Telnet
	 * Synch, which would hold the request for a full reply timeout.
	 */
	private static final Duration ABORT_REPLY_TIMEOUT = Duration.ofSeconds(2);

	private final TransferInputStream in;

	private final Lease lease;

	private final long offset;

	Download(TransferInputStream in, Lease lease, long offset) {
		this.in = in;
		this.lease = lease;
		this.offset = offset;
	}

	/** Where in the file the download starts: the offset asked for, or 0 when the server cannot start elsewhere. */
	public long offset() {
		return this.offset;
	}

	/**
	 * Whether {@link #read(ByteBuffer)} reads the data connection straight into the buffer: true
	 * for plain passive data connections, false for TLS and active ones, which go through the heap.
	 */
	public boolean readsDirectly() {
		return this.in.readsChannelDirectly();
	}

	/** Reads into {@code buffer}; -1 at the end of the file. */
	public int read(ByteBuffer buffer) throws IOException {
		return this.in.read(buffer);
	}

	/** Reads into {@code buffer}; -1 at the end of the file. */
	public int read(byte[] buffer, int offset, int length) throws IOException {
		return this.in.read(buffer, offset, length);
	}

	/** Whether the file ends here: reads one byte to find out, so call it only when no more bytes are wanted. */
	public boolean isAtEnd() throws IOException {
		return this.in.read() == -1;
	}

	/**
	 * Completes a download read to its end: reads the server's final reply.
	 * @throws IOException when the server reports a failure, or sent fewer bytes than it announced
	 */
	public void complete() throws IOException {
		this.in.close();
	}

	/**
	 * Ends a download that failed or whose remaining bytes are not wanted: after ABOR servers
	 * disagree on the replies that follow, so the session is destroyed instead of reused, and its
	 * abort waits only briefly for them. Never throws.
	 */
	public void abandon() {
		this.lease.markBroken();
		try {
			this.lease.client().setReplyTimeout(ABORT_REPLY_TIMEOUT);
			this.in.abort();
		}
		catch (IOException | RuntimeException ex) {
			// The session is marked broken and will be destroyed; the caller's failure matters more.
			logger.log(System.Logger.Level.DEBUG, "Aborting a download failed too", ex);
		}
	}

}
