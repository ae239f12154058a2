package dev.ftpgateway.web.page;

/**
 * Escaping for HTML text and double-quoted attribute values: every name, path and other text
 * that is not the page's own markup goes through {@link #escape} exactly once, on its way into
 * the page.
 */
final class Html {

	private Html() {
	}

	/** {@code text} with {@code & < > " '} as character references, safe in text and in quoted attributes. */
	static String escape(String text) {
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			String reference = switch (text.charAt(i)) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (reference != null && escaped == null) {
				escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (escaped != null) {
				if (reference != null) {
					escaped.append(reference);
				}
				else {
					escaped.append(text.charAt(i));
				}
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

}
