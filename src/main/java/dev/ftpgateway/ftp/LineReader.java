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
 */
final class LineReader {

	private final InputStream in;

	private final int maxLineBytes;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

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
		// No reset here: after a read timeout the part of the line already read stays, and the
		// next call completes it.
		int b;
		while ((b = this.in.read()) != -1 && b != '\n') {
			// One byte of slack for the CR of a line that is exactly at the cap.
			if (this.line.size() > this.maxLineBytes) {
				throw new FtpProtocolException("Line longer than " + this.maxLineBytes + " bytes");
			}
			this.line.write(b);
		}
		if (b == -1 && this.line.size() == 0) {
			return null;
		}
		byte[] bytes = this.line.toByteArray();
		this.line.reset();
		if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
			return Arrays.copyOf(bytes, bytes.length - 1);
		}
		if (bytes.length > this.maxLineBytes) {
			throw new FtpProtocolException("Line longer than " + this.maxLineBytes + " bytes");
		}
		return bytes;
	}

}
