package dev.ftpgateway.web.form;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a form part's {@code Content-Disposition}, such as
 * {@code form-data; name="file"; filename="a b.txt"}: quoted strings with backslash escapes,
 * and the file name as browsers write it (the HTML standard has them send UTF-8 and escape only
 * {@code "}, CR and LF, as {@code %22}, {@code %0D} and {@code %0A}) or as RFC 5987's
 * {@code filename*=UTF-8''...}, which wins when both are there.
 */
final class ContentDispositionParameters {

	private ContentDispositionParameters() {
	}

	/** The parameters by lower-case name; empty for a missing header. */
	static Map<String, String> of(String header) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (header == null) {
			return parameters;
		}
		int i = header.indexOf(';');
		while (i >= 0 && i < header.length()) {
			i++;
			int equals = header.indexOf('=', i);
			if (equals < 0) {
				break;
			}
			String name = header.substring(i, equals).trim().toLowerCase(Locale.ROOT);
			StringBuilder value = new StringBuilder();
			int j = equals + 1;
			while (j < header.length() && header.charAt(j) == ' ') {
				j++;
			}
			if (j < header.length() && header.charAt(j) == '"') {
				j++;
				while (j < header.length() && header.charAt(j) != '"') {
					char c = header.charAt(j);
					if (c == '\\' && j + 1 < header.length()) {
						c = header.charAt(++j);
					}
					value.append(c);
					j++;
				}
				i = header.indexOf(';', j);
			}
			else {
				int end = header.indexOf(';', j);
				value.append(header.substring(j, (end < 0) ? header.length() : end).strip());
				i = end;
			}
			parameters.putIfAbsent(name, value.toString());
		}
		return parameters;
	}

	/** The file name, or null for a part that names none. */
	static String fileName(String header) {
		Map<String, String> parameters = of(header);
		String extended = parameters.get("filename*");
		if (extended != null) {
			int quote = extended.indexOf("''");
			if (quote > 0 && extended.substring(0, quote).equalsIgnoreCase("UTF-8")) {
				return percentDecoded(extended.substring(quote + 2));
			}
		}
		String plain = parameters.get("filename");
		if (plain == null) {
			return null;
		}
		return plain.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
	}

	private static String percentDecoded(String value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%' && i + 2 < value.length()) {
				int high = Character.digit(value.charAt(i + 1), 16);
				int low = Character.digit(value.charAt(i + 2), 16);
				if (high >= 0 && low >= 0) {
					bytes.write((high << 4) | low);
					i += 2;
					continue;
				}
			}
			bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
