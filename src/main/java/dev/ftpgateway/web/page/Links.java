package dev.ftpgateway.web.page;

import java.nio.charset.StandardCharsets;

/**
 * Relative links between the pages of {@code /files}: names percent-encoded as path segments,
 * and the way up to a folder or to the gateway's root. Relative links keep working behind a
 * proxy that mounts the gateway below a path of its own.
 */
final class Links {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private Links() {
	}

	/**
	 * {@code name} as one relative path segment: the UTF-8 bytes of everything but RFC 3986's
	 * unreserved characters percent-encoded. Strict on purpose: {@code ;} would start a path
	 * parameter, {@code :} in a first segment a scheme, {@code ?} and {@code #} the query and
	 * fragment, and the gateway refuses a raw {@code ;}.
	 */
	static String segment(String name) {
		StringBuilder encoded = new StringBuilder(name.length() + 8);
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
		}
		return encoded.toString();
	}

	/** {@code levels} times {@code ../}, or {@code ./} for none: a link to a folder above the page's. */
	static String up(int levels) {
		return (levels == 0) ? "./" : "../".repeat(levels);
	}

	/**
	 * How many levels a page at {@code path} (the request path below the context path, e.g.
	 * {@code /files/a/b/}) is below the gateway's root: its relative links to the root start
	 * with that many {@code ../}.
	 */
	static int depth(String path) {
		int slashes = 0;
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '/') {
				slashes++;
			}
		}
		return Math.max(0, slashes - 1);
	}

}
