package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An opened download: the caller reads it, then either {@link #complete()}s it (for one from the
 * FTP server, its 226 confirms it) or {@link #abandon()}s it. Reads fail with the FTP side's
 * exceptions; telling them from failures on the caller's side is the caller's job. It comes
 * from the FTP server on a borrowed session, or from the cache of small files.
 */
public interface Download {

	/** Where in the file the download starts: the offset asked for, or 0 when the server cannot start elsewhere. */
	long offset();

	/**
	 * Whether {@link #read(ByteBuffer)} fills the buffer without the bytes passing through the
	 * heap: true for plain passive data connections, false for TLS and active ones and for cached
	 * files, which go through a byte array.
	 */
	boolean readsDirectly();

	/** Reads into {@code buffer}; -1 at the end of the file. */
	int read(ByteBuffer buffer) throws IOException;

	/** Reads into {@code buffer}; -1 at the end of the file. */
	int read(byte[] buffer, int offset, int length) throws IOException;

	/** Whether the file ends here: reads one byte to find out, so call it only when no more bytes are wanted. */
	boolean isAtEnd() throws IOException;

	/**
	 * Completes a download read to its end.
	 * @throws IOException when the server reports a failure, or sent fewer bytes than it announced
	 */
	void complete() throws IOException;

	/** Ends a download that failed or whose remaining bytes are not wanted. Never throws. */
	void abandon();

}
