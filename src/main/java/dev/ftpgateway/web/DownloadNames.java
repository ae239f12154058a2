package dev.ftpgateway.web;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): {@code inline} or {@code attachment}
 * with the file's name, so that browsers and {@code curl -OJ} save it under that name.
 * <p>
 * {@code filename} holds an ASCII stand-in, every character outside printable ASCII and the
 * quote and backslash replaced by {@code _}: curl reads only this parameter, and not every
 * client unescapes quoted pairs. A name that needed a stand-in also gets {@code filename*}
 * (RFC 8187, UTF-8), which browsers prefer.
 */
final class DownloadNames {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private DownloadNames() {
	}

	static String contentDisposition(String name, boolean attachment) {
		StringBuilder header = new StringBuilder(attachment ? "attachment" : "inline");
		String fallback = asciiFallback(name);
		header.append("; filename=\"").append(fallback).append('"');
		if (!fallback.equals(name)) {
			header.append("; filename*=UTF-8''").append(extendedValue(name));
		}
		return header.toString();
	}

	private static String asciiFallback(String name) {
		StringBuilder fallback = new StringBuilder(name.length());
		name.codePoints()
			.forEach((c) -> fallback.append((c < 0x20 || c > 0x7e || c == '"' || c == '\\') ? '_' : (char) c));
		return fallback.toString();
	}

	/** RFC 8187 value-chars: attr-char as it is, every other byte of the UTF-8 form as %XX. */
	private static String extendedValue(String name) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (isAttrChar(c)) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
		}
		return encoded.toString();
	}

	private static boolean isAttrChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$&+-.^_`|~".indexOf(c) >= 0;
	}

}
