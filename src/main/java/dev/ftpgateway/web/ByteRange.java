package dev.ftpgateway.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file of known length, parsed from a {@code Range} header
 * (RFC 9110 section 14): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}.
 *
 * @param first the offset of the first byte, sent to the server with REST
 * @param last the offset of the last byte (inclusive)
 * @param fileLength the length of the whole file
 */
public record ByteRange(long first, long last, long fileLength) {

	private static final Pattern SINGLE_RANGE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Parses a {@code Range} header for a file of {@code fileLength} bytes.
	 * @return the range, or empty when the whole file should be sent: no header, a syntax we
	 *         do not understand, or several ranges (RFC 9110 lets a server ignore Range, and a
	 *         multipart body would need one transfer per part)
	 * @throws RangeNotSatisfiableException when the range starts at or after the end of the
	 *         file, or is a zero-length suffix
	 */
	public static Optional<ByteRange> parse(String header, long fileLength) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher matcher = SINGLE_RANGE.matcher(header);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		String start = matcher.group(1);
		String end = matcher.group(2);
		try {
			if (start.isEmpty()) {
				if (end.isEmpty()) {
					return Optional.empty();
				}
				long suffix = Long.parseLong(end);
				if (suffix == 0 || fileLength == 0) {
					throw new RangeNotSatisfiableException(fileLength);
				}
				return Optional.of(new ByteRange(Math.max(0, fileLength - suffix), fileLength - 1, fileLength));
			}
			long first = Long.parseLong(start);
			long last = end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end);
			if (last < first) {
				return Optional.empty();
			}
			if (first >= fileLength) {
				throw new RangeNotSatisfiableException(fileLength);
			}
			return Optional.of(new ByteRange(first, Math.min(last, fileLength - 1), fileLength));
		}
		catch (NumberFormatException ex) {
			// More digits than a long holds: not a range any real file could satisfy.
			throw new RangeNotSatisfiableException(fileLength);
		}
	}

	/** How many bytes the range covers. */
	public long length() {
		return this.last - this.first + 1;
	}

	/** Whether the range stops before the end of the file, so the transfer must be cut short. */
	public boolean endsBeforeEndOfFile() {
		return this.last < this.fileLength - 1;
	}

	/** The {@code Content-Range} value, e.g. {@code bytes 0-99/1000}. */
	public String contentRange() {
		return "bytes " + this.first + "-" + this.last + "/" + this.fileLength;
	}

}
