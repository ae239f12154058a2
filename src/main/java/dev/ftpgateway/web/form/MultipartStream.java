package dev.ftpgateway.web.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.ftpgateway.web.transfer.IncompleteUploadException;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, through one
 * fixed buffer: a part's bytes are handed on as soon as they cannot be the start of the next
 * boundary, so a file of any size passes without being held in memory or on disk (the servlet
 * container's own multipart support stores each part before the application sees it).
 * <p>
 * Call {@link #next()} for each part's headers, then read its body from {@link Part#body()}
 * until it ends; {@code next()} skips what was left unread. A body that ends before its closing
 * boundary, or with a malformed part, is an {@link IncompleteUploadException}.
 */
public final class MultipartStream {

	/** Headers of one part larger than this are refused: browsers send two short lines. */
	static final int MAX_HEADER_BYTES = 16 * 1024;

	private static final int BUFFER_BYTES = 64 * 1024;

	private final InputStream in;

	/** CRLF, two dashes and the boundary: what ends every part. */
	private final byte[] delimiter;

	private final byte[] buffer;

	private int head;

	private int tail;

	private boolean eof;

	private boolean finished;

	private Part current;

	/**
	 * @param in the request body
	 * @param boundary the {@code boundary} parameter of its Content-Type
	 */
	public MultipartStream(InputStream in, String boundary) {
		if (boundary.isEmpty() || boundary.length() > 70) {
			throw new IllegalArgumentException("A multipart boundary has 1 to 70 characters");
		}
		this.in = in;
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.buffer = new byte[BUFFER_BYTES + this.delimiter.length];
		// The first boundary may start the body, with no CRLF before it: read as if there were one.
		this.buffer[0] = '\r';
		this.buffer[1] = '\n';
		this.tail = 2;
	}

	/**
	 * The next part, its headers read; the rest of the current part is skipped first.
	 * @return the part, or null after the closing boundary
	 */
	public Part next() throws IOException {
		if (this.finished) {
			return null;
		}
		if (this.current == null) {
			// The preamble before the first boundary is to be ignored.
			skipToDelimiter();
		}
		else {
			this.current.skip();
		}
		this.head += this.delimiter.length;
		if (startsWith("--")) {
			this.finished = true;
			return null;
		}
		skipTransportPadding();
		if (!startsWith("\r\n")) {
			throw malformed("a boundary is not followed by CRLF");
		}
		this.head += 2;
		this.current = new Part(readHeaders());
		return this.current;
	}

	private void skipToDelimiter() throws IOException {
		while (true) {
			int found = find();
			if (found >= 0) {
				this.head = found;
				return;
			}
			if (this.eof) {
				throw malformed("no boundary found");
			}
			this.head = Math.max(this.head, this.tail - this.delimiter.length + 1);
			fill();
		}
	}

	private boolean startsWith(String text) throws IOException {
		ensure(text.length());
		if (this.tail - this.head < text.length()) {
			throw malformed("the body ended before its closing boundary");
		}
		for (int i = 0; i < text.length(); i++) {
			if (this.buffer[this.head + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** RFC 2046 lets spaces and tabs follow a boundary before its CRLF. */
	private void skipTransportPadding() throws IOException {
		while (true) {
			ensure(1);
			if (this.tail == this.head) {
				throw malformed("the body ended before its closing boundary");
			}
			byte b = this.buffer[this.head];
			if (b != ' ' && b != '\t') {
				return;
			}
			this.head++;
		}
	}

	private Map<String, String> readHeaders() throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		int read = 0;
		while (true) {
			int end = lineEnd();
			String line = new String(this.buffer, this.head, end - this.head, StandardCharsets.UTF_8);
			read += end - this.head + 2;
			this.head = end + 2;
			if (read > MAX_HEADER_BYTES) {
				throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
			}
			if (line.isEmpty()) {
				return headers;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw malformed("a part header has no name");
			}
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
	}

	/** The index of the CRLF that ends the header line at {@link #head}, reading more as needed. */
	private int lineEnd() throws IOException {
		int from = this.head;
		while (true) {
			for (int i = from; i + 1 < this.tail; i++) {
				if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n') {
					return i;
				}
			}
			if (this.tail - this.head >= MAX_HEADER_BYTES || this.eof) {
				throw malformed(this.eof ? "the body ended in a part's headers" : "a part header is too long");
			}
			int scanned = this.tail - this.head;
			fill();
			from = this.head + Math.max(0, scanned - 1);
		}
	}

	/** Where the delimiter starts in the buffered bytes, or -1. */
	private int find() {
		int last = this.tail - this.delimiter.length;
		byte[] wanted = this.delimiter;
		for (int i = this.head; i <= last; i++) {
			if (this.buffer[i] == wanted[0]
					&& Arrays.equals(this.buffer, i, i + wanted.length, wanted, 0, wanted.length)) {
				return i;
			}
		}
		return -1;
	}

	/** Reads until at least {@code bytes} are buffered, or the body ended. */
	private void ensure(int bytes) throws IOException {
		while (this.tail - this.head < bytes && !this.eof) {
			fill();
		}
	}

	/** Moves the unread bytes to the front and reads more behind them (at least one byte, or the end). */
	private void fill() throws IOException {
		if (this.head > 0) {
			System.arraycopy(this.buffer, this.head, this.buffer, 0, this.tail - this.head);
			this.tail -= this.head;
			this.head = 0;
		}
		if (this.tail == this.buffer.length) {
			throw new IllegalStateException("fill() with a full buffer");
		}
		int read = this.in.read(this.buffer, this.tail, this.buffer.length - this.tail);
		if (read < 0) {
			this.eof = true;
		}
		else {
			this.tail += read;
		}
	}

	private static IncompleteUploadException malformed(String reason) {
		return new IncompleteUploadException("The multipart/form-data body is malformed: " + reason, null);
	}

	/** One part: its headers, and its body up to the next boundary. */
	public final class Part {

		private final Map<String, String> headers;

		private final InputStream body = new InputStream() {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				int read = read(one, 0, 1);
				return (read < 0) ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				return Part.this.read(b, off, len);
			}

		};

		private boolean ended;

		Part(Map<String, String> headers) {
			this.headers = headers;
		}

		/** A header by its name in any case, or null. */
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		/** The part's form field name, from its Content-Disposition, or null. */
		public String fieldName() {
			return ContentDispositionParameters.of(header("Content-Disposition")).get("name");
		}

		/**
		 * The file name the form sent, from its Content-Disposition ({@code filename*} first), or
		 * null for a part that is no file.
		 */
		public String fileName() {
			return ContentDispositionParameters.fileName(header("Content-Disposition"));
		}

		/** The part's bytes, ending (-1) at the next boundary. */
		public InputStream body() {
			return this.body;
		}

		private int read(byte[] b, int off, int len) throws IOException {
			if (this.ended) {
				return -1;
			}
			if (len == 0) {
				return 0;
			}
			while (true) {
				int found = find();
				if (found == MultipartStream.this.head) {
					this.ended = true;
					return -1;
				}
				// Bytes before a found delimiter are the part's; without one, all but the last
				// delimiter-length-minus-one bytes, which may be its start.
				int safe = (found >= 0) ? found : MultipartStream.this.tail - MultipartStream.this.delimiter.length + 1;
				int available = safe - MultipartStream.this.head;
				if (available > 0) {
					int n = Math.min(len, available);
					System.arraycopy(MultipartStream.this.buffer, MultipartStream.this.head, b, off, n);
					MultipartStream.this.head += n;
					return n;
				}
				if (MultipartStream.this.eof) {
					throw malformed("the body ended before its closing boundary");
				}
				fill();
			}
		}

		void skip() throws IOException {
			byte[] discard = new byte[8192];
			while (read(discard, 0, discard.length) >= 0) {
				// Read to the boundary.
			}
		}

	}

}
