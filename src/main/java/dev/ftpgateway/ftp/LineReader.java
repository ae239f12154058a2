package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in LF or CRLF, with a cap on line length, for the
 * control connection and for listings and ASCII transfers alike. Bytes are kept as bytes until
 * a line is complete, so a multi-byte character split across reads is decoded whole, and a line
 * interrupted by a read timeout is completed by the next call.
 * <p>
 * It reads the stream in blocks into a buffer of its own and may read past the line it returns;
 * the stream must not be read by anyone else in between. Block reads into a plain array, not a
 * byte at a time through a synchronized {@code BufferedInputStream}: a small download reads
 * several replies, and per-byte reads cost more than the rest of the reply handling together
 * (src/bench/RESULTS.md, "Less CPU per small GET").
 */
final class LineReader {

	private static final int BUFFER_SIZE = 8192;

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] buffer = new byte[BUFFER_SIZE];

	private int position;

	private int limit;

	/** The start of a line that did not end within one buffer, or whose read timed out. */
	private byte[] partial = new byte[0];

	private int partialLength;

	LineReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * Reads the next line without its line end.
	 * @return the line's bytes, or {@code null} at the end of the stream; a last line without a
	 *         line end is returned as it is
	 * @throws FtpProtocolException if a line is longer than the cap
	 */
	byte[] readLine() throws IOException {
		while (true) {
			for (int i = this.position; i < this.limit; i++) {
				if (this.buffer[i] == '\n') {
					int start = this.position;
					this.position = i + 1;
					return line(start, i);
				}
			}
			keepPartial();
			// A timeout here leaves the line so far in partial, for the next call to complete.
			int read = this.in.read(this.buffer, 0, this.buffer.length);
			if (read == -1) {
				return (this.partialLength == 0) ? null : line(0, 0);
			}
			this.limit = read;
		}
	}

	/** The partial bytes and {@code buffer[start, end)} as one line, without a trailing CR. */
	private byte[] line(int start, int end) throws FtpProtocolException {
		byte[] bytes;
		if (this.partialLength == 0) {
			bytes = Arrays.copyOfRange(this.buffer, start, end);
		}
		else {
			bytes = Arrays.copyOf(this.partial, this.partialLength + end - start);
			System.arraycopy(this.buffer, start, bytes, this.partialLength, end - start);
			this.partialLength = 0;
		}
		if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
			bytes = Arrays.copyOf(bytes, bytes.length - 1);
		}
		if (bytes.length > this.maxLineBytes) {
			throw new FtpProtocolException("Line longer than " + this.maxLineBytes + " bytes");
		}
		return bytes;
	}

	/** Moves the unfinished line out of the buffer, so the buffer can be refilled. */
	private void keepPartial() throws FtpProtocolException {
		int length = this.limit - this.position;
		// One byte of slack for the CR of a line that is exactly at the cap.
		if (this.partialLength + length > this.maxLineBytes + 1) {
			throw new FtpProtocolException("Line longer than " + this.maxLineBytes + " bytes");
		}
		if (this.partialLength + length > this.partial.length) {
			this.partial = Arrays.copyOf(this.partial, Math.max(128, 2 * (this.partialLength + length)));
		}
		System.arraycopy(this.buffer, this.position, this.partial, this.partialLength, length);
		this.partialLength += length;
		this.position = 0;
		this.limit = 0;
	}

}
