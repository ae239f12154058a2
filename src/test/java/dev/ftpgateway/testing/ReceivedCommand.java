package dev.ftpgateway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;

/**
 * One command line a {@link ScriptedFtpServer} received on its control connection.
 *
 * <p>{@link #line()} is the text with Telnet IAC sequences removed, so a client that sends
 * IAC IP / IAC DM before {@code ABOR} still yields the line {@code "ABOR"}; {@link #raw()}
 * keeps the bytes exactly as received so a test can check those sequences were sent.
 */
public final class ReceivedCommand {

	private static final int IAC = 0xFF;

	private static final int WILL = 0xFB;

	private static final int DONT = 0xFE;

	private final byte[] raw;

	private final String line;

	private final boolean sentBeforePreviousReply;

	ReceivedCommand(byte[] raw, Charset charset, boolean sentBeforePreviousReply) {
		this.raw = raw.clone();
		this.line = new String(stripTelnet(raw), charset);
		this.sentBeforePreviousReply = sentBeforePreviousReply;
	}

	/**
	 * Whether the client sent this command before the server answered the one before it: the
	 * client pipelines. Told by bytes of it waiting while the previous command was handled.
	 */
	public boolean sentBeforePreviousReply() {
		return this.sentBeforePreviousReply;
	}

	/** The bytes exactly as received, without the terminating CRLF (or bare LF). */
	public byte[] raw() {
		return this.raw.clone();
	}

	/**
	 * The line decoded in the server's charset (UTF-8 unless set otherwise) after removing
	 * Telnet IAC sequences, without CRLF.
	 */
	public String line() {
		return this.line;
	}

	/** The verb, upper-cased: the text before the first space. */
	public String verb() {
		int space = this.line.indexOf(' ');
		return (space < 0 ? this.line : this.line.substring(0, space)).toUpperCase(Locale.ROOT);
	}

	/** Everything after the first space, or an empty string when there is no argument. */
	public String argument() {
		int space = this.line.indexOf(' ');
		return space < 0 ? "" : this.line.substring(space + 1);
	}

	/** Whether the raw bytes began with the given bytes, e.g. IAC IP IAC DM before ABOR. */
	public boolean rawStartsWith(int... prefix) {
		if (prefix.length > this.raw.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((this.raw[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return this.line;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ReceivedCommand that && Arrays.equals(this.raw, that.raw);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.raw);
	}

	// IAC IAC is an escaped 0xFF data byte; WILL/WONT/DO/DONT carry an option byte; every
	// other command (IP, DM, ...) is two bytes long.
	private static byte[] stripTelnet(byte[] raw) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
		for (int i = 0; i < raw.length; i++) {
			int b = raw[i] & 0xFF;
			if (b != IAC || i + 1 >= raw.length) {
				out.write(b);
				continue;
			}
			int command = raw[i + 1] & 0xFF;
			if (command == IAC) {
				out.write(IAC);
				i++;
			}
			else if (command >= WILL && command <= DONT) {
				i += 2;
			}
			else {
				i++;
			}
		}
		return out.toByteArray();
	}

}
