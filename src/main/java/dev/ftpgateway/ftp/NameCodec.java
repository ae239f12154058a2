package dev.ftpgateway.ftp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the bytes of the control connection and of listings into text and back without losing
 * any: a name whose bytes do not decode in the connection's charset (a Latin-1 name on a server
 * read as UTF-8) still maps back to its exact bytes, so it can be downloaded, renamed and
 * deleted rather than turning into U+FFFD and out of reach.
 * <p>
 * Each byte from 0x80 to 0xFF that does not decode becomes the character U+EF00 plus the byte
 * (0xE9 becomes U+EFE9), in the Private Use Area, and encoding turns every character from U+EF80
 * to U+EFFF back into its byte: MirBSD's OPTU-8 scheme. A name that really holds such a
 * character has that character's bytes escaped the same way when it is decoded, so no name can
 * pass for another's escape. Bytes below 0x80 are always ASCII, as the control connection is
 * (RFC 959's NVT), so no escape can ever encode to CR, LF or NUL.
 */
public final class NameCodec {

	/** The first character of the escape block; a byte {@code b} becomes {@code ESCAPE_BASE + b}. */
	public static final char ESCAPE_BASE = '\uEF00';

	private static final char FIRST_ESCAPE = (char) (ESCAPE_BASE + 0x80);

	private static final char LAST_ESCAPE = (char) (ESCAPE_BASE + 0xFF);

	private static final Map<Charset, NameCodec> CODECS = new ConcurrentHashMap<>();

	private final Charset charset;

	/** Whether ASCII text is the same bytes in this charset, so it needs no coder. */
	private final boolean asciiCompatible;

	private NameCodec(Charset charset) {
		this.charset = charset;
		this.asciiCompatible = isAsciiCompatible(charset);
	}

	/** The codec of {@code charset}. */
	public static NameCodec of(Charset charset) {
		return CODECS.computeIfAbsent(charset, NameCodec::new);
	}

	/** The charset names are decoded with. */
	public Charset charset() {
		return this.charset;
	}

	/** The text of {@code bytes}, with escapes for the bytes that do not decode. */
	public String decode(byte[] bytes) {
		if (this.asciiCompatible && isAscii(bytes)) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
		CharsetDecoder decoder = this.charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
		StringBuilder text = new StringBuilder(bytes.length);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			drain(out, text);
			if (result.isUnderflow()) {
				break;
			}
			if (result.isOverflow()) {
				continue;
			}
			for (int i = 0; i < result.length(); i++) {
				appendByte(text, in.get());
			}
		}
		decoder.flush(out);
		drain(out, text);
		return text.toString();
	}

	/** Moves what {@code out} holds into {@code text}, escaping the bytes of characters in the escape block. */
	private void drain(CharBuffer out, StringBuilder text) {
		out.flip();
		while (out.hasRemaining()) {
			char c = out.get();
			if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE) {
				for (byte b : String.valueOf(c).getBytes(this.charset)) {
					appendByte(text, b);
				}
			}
			else {
				text.append(c);
			}
		}
		out.clear();
	}

	private static void appendByte(StringBuilder text, byte b) {
		int value = b & 0xFF;
		text.append((value < 0x80) ? (char) value : (char) (ESCAPE_BASE + value));
	}

	/**
	 * The bytes of {@code text}: escapes become their bytes, everything else is encoded in the
	 * charset.
	 * @throws FtpUnencodableNameException when a character cannot be written in the charset
	 */
	public byte[] encode(String text) {
		if (this.asciiCompatible && isAscii(text)) {
			return text.getBytes(StandardCharsets.ISO_8859_1);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() * 2);
		CharsetEncoder encoder = this.charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			boolean escape = i < text.length() && text.charAt(i) >= FIRST_ESCAPE && text.charAt(i) <= LAST_ESCAPE;
			if (i == text.length() || escape) {
				encodeRun(encoder, text, start, i, bytes);
				if (escape) {
					bytes.write(text.charAt(i) - ESCAPE_BASE);
				}
				start = i + 1;
			}
		}
		return bytes.toByteArray();
	}

	private void encodeRun(CharsetEncoder encoder, String text, int start, int end, ByteArrayOutputStream bytes) {
		if (start >= end) {
			return;
		}
		try {
			ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(text, start, end));
			bytes.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
		}
		catch (CharacterCodingException ex) {
			throw new FtpUnencodableNameException(text, this.charset);
		}
	}

	private static boolean isAscii(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiCompatible(Charset charset) {
		byte[] ascii = new byte[0x80];
		for (int i = 0; i < ascii.length; i++) {
			ascii[i] = (byte) i;
		}
		return charset.canEncode()
				&& Arrays.equals(new String(ascii, StandardCharsets.ISO_8859_1).getBytes(charset), ascii);
	}

}
