package dev.ftpgateway.ftp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads replies from a control connection's input. It only frames and validates; it never
 * writes and knows nothing of sockets, so tests feed it a {@code ByteArrayInputStream}.
 *
 * <p>A multi-line reply ({@code 211-...}) ends only at a line that starts with the same code
 * followed by a space (or nothing); lines in between may say anything, as RFC 959 allows and
 * ftplib's {@code getmultiline} accepts. Line and reply sizes are capped, so a hostile or broken
 * server cannot exhaust memory.
 */
final class ReplyReader {

	/** ftplib's MAXLINE: the longest line accepted, in bytes, without its line end. */
	static final int MAX_LINE_BYTES = 8192;

	/** More lines than any FEAT, HELP or banner we have seen; a server sending more is broken. */
	static final int MAX_REPLY_LINES = 1000;

	private final LineReader lines;

	private final NameCodec codec;

	private final DialogueLog log;

	/**
	 * The lines of the reply being read; kept across calls so a read timeout in the middle of a
	 * multi-line reply loses nothing.
	 */
	private final List<String> pending = new ArrayList<>();

	ReplyReader(InputStream in, NameCodec codec, DialogueLog log) {
		this.lines = new LineReader(in, MAX_LINE_BYTES);
		this.codec = codec;
		this.log = log;
	}

	/**
	 * Reads one complete reply.
	 * @throws FtpProtocolException if the input is not a well-formed reply
	 * @throws EOFException if the connection closes before the reply is complete
	 */
	Reply read() throws IOException {
		if (this.pending.isEmpty()) {
			String first = readLine();
			checkWellFormed(first);
			this.pending.add(first);
		}
		String first = this.pending.get(0);
		if (isContinued(first)) {
			String prefix = first.substring(0, 3);
			while (this.pending.size() == 1 || !isLastLine(this.pending.get(this.pending.size() - 1), prefix)) {
				if (this.pending.size() == MAX_REPLY_LINES) {
					throw new FtpProtocolException("Reply " + prefix + " exceeds " + MAX_REPLY_LINES + " lines");
				}
				this.pending.add(readLine());
			}
		}
		Reply reply = new Reply(Integer.parseInt(first, 0, 3, 10), this.pending);
		this.pending.clear();
		return reply;
	}

	private static boolean isLastLine(String line, String code) {
		return line.startsWith(code) && (line.length() == 3 || line.charAt(3) == ' ');
	}

	private static boolean isContinued(String line) {
		return line.length() > 3 && line.charAt(3) == '-';
	}

	private static void checkWellFormed(String line) throws FtpProtocolException {
		boolean wellFormed = line.length() >= 3 && line.charAt(0) >= '1' && line.charAt(0) <= '5'
				&& isDigit(line.charAt(1)) && isDigit(line.charAt(2))
				&& (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
		if (!wellFormed) {
			throw new FtpProtocolException("Invalid reply line: '" + abbreviate(line) + "'");
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private String readLine() throws IOException {
		byte[] bytes = this.lines.readLine();
		if (bytes == null) {
			throw new EOFException("Connection closed by the server");
		}
		String text = this.codec.decode(bytes);
		this.log.get(text);
		return text;
	}

	private static String abbreviate(String line) {
		return line.length() <= 80 ? line : line.substring(0, 80) + "...";
	}

}
