package dev.ftpgateway.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in LF or CRLF, with a cap on line length, for the
 * control connection and for listings and ASCII transfers alike. Bytes are kept as bytes until
 * a line is complete, so a multi-byte character split across reads is decoded whole, and a line
 * interrupted by a read timeout is completed by the next call.
 * <p>
 * It reads ahead in blocks of its own and scans them for line ends: reading a listing one
 * {@code read()} at a time through a synchronized stream cost more than parsing it.
 */
final class LineReader {

	private static final int BLOCK_SIZE = 8192;

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] block = new byte[BLOCK_SIZE];

	private int position;

	private int limit;

	/** The start of a line that spans blocks, or that a read timeout interrupted. */
	private final ByteArrayOutputStream partial = new ByteArrayOutputStream(128);

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
				if (this.block[i] == '\n') {
					byte[] line = take(i);
					this.position = i + 1;
					return checked(line);
				}
			}
			this.partial.write(this.block, this.position, this.limit - this.position);
			this.position = this.limit;
			// One byte of slack for the CR of a line that is exactly at the cap.
			if (this.partial.size() > this.maxLineBytes + 1) {
				throw tooLong();
			}
			// No reset of the partial line before this read: after a read timeout the part of the
			// line already read stays, and the next call completes it.
			int n = this.in.read(this.block);
			if (n == -1) {
				return (this.partial.size() == 0) ? null : checked(take(this.position));
			}
			this.position = 0;
			this.limit = n;
		}
	}

	/** The partial line plus the block up to {@code end}. */
	private byte[] take(int end) {
		if (this.partial.size() == 0) {
			return Arrays.copyOfRange(this.block, this.position, end);
		}
		this.partial.write(this.block, this.position, end - this.position);
		byte[] line = this.partial.toByteArray();
		this.partial.reset();
		return line;
	}

	private byte[] checked(byte[] line) throws FtpProtocolException {
		boolean crlf = line.length > 0 && line[line.length - 1] == '\r';
		int length = crlf ? line.length - 1 : line.length;
		if (length > this.maxLineBytes) {
			throw tooLong();
		}
		return crlf ? Arrays.copyOf(line, length) : line;
	}

	private FtpProtocolException tooLong() {
		return new FtpProtocolException("Line longer than " + this.maxLineBytes + " bytes");
	}

}
