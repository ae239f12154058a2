package dev.ftpgateway.ftp;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the replies whose text carries data: ftplib's {@code parse150}, {@code parse227},
 * {@code parse229} and {@code parse257}, and the FEAT list, as pure functions so they can be tested without a
 * socket.
 */
final class Replies {

	private static final Pattern SIZE_IN_150 = Pattern.compile("\\((\\d+) bytes\\)", Pattern.CASE_INSENSITIVE);

	/**
	 * Six comma-separated numbers anywhere in the text: RFC 959 does not fix the format, and
	 * servers send {@code (h1,h2,h3,h4,p1,p2)}, {@code =h1,...} or bare numbers (seen from
	 * Windows servers and embedded devices).
	 */
	private static final Pattern PASV_NUMBERS = Pattern
		.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

	private Replies() {
	}

	/**
	 * The transfer size a 150 reply announces, as in
	 * {@code 150 Opening BINARY mode data connection for f (1234 bytes)}.
	 * @return the size, or empty when the reply does not say
	 */
	static OptionalLong parse150(Reply reply) {
		if (reply.code() != ReplyCode.OPENING_DATA_CONNECTION) {
			return OptionalLong.empty();
		}
		Matcher matcher = SIZE_IN_150.matcher(reply.text());
		if (!matcher.find()) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(matcher.group(1)));
		}
		catch (NumberFormatException tooLarge) {
			return OptionalLong.empty();
		}
	}

	/**
	 * The address of a 227 (PASV) reply.
	 * @return the host the server named (dotted quad, unresolved) and its port
	 * @throws FtpReplyException if the reply is not a 227
	 * @throws FtpProtocolException if it carries no valid address
	 */
	static InetSocketAddress parse227(Reply reply) throws FtpException {
		if (reply.code() != ReplyCode.ENTERING_PASSIVE_MODE) {
			throw new FtpReplyException(reply);
		}
		Matcher matcher = PASV_NUMBERS.matcher(reply.text());
		if (!matcher.find()) {
			throw new FtpProtocolException("No address in PASV reply", reply);
		}
		int[] numbers = new int[6];
		for (int i = 0; i < 6; i++) {
			numbers[i] = Integer.parseInt(matcher.group(i + 1));
			if (numbers[i] > 255) {
				throw new FtpProtocolException("Invalid address in PASV reply", reply);
			}
		}
		String host = numbers[0] + "." + numbers[1] + "." + numbers[2] + "." + numbers[3];
		return InetSocketAddress.createUnresolved(host, validPort(numbers[4] * 256 + numbers[5], reply));
	}

	/**
	 * The port of a 229 (EPSV) reply, {@code 229 Entering Extended Passive Mode (|||6446|)}.
	 * RFC 2428 lets the server pick any printable delimiter; the host is always the control
	 * connection's peer.
	 * @throws FtpReplyException if the reply is not a 229
	 * @throws FtpProtocolException if it carries no valid port
	 */
	static int parse229(Reply reply) throws FtpException {
		if (reply.code() != ReplyCode.ENTERING_EXTENDED_PASSIVE_MODE) {
			throw new FtpReplyException(reply);
		}
		String text = reply.lines().get(0);
		int open = text.indexOf('(');
		int close = text.indexOf(')', open + 1);
		if (open < 0 || close < 0 || close - open < 6) {
			throw new FtpProtocolException("No port in EPSV reply", reply);
		}
		String inner = text.substring(open + 1, close);
		char delimiter = inner.charAt(0);
		String[] parts = inner.split(Pattern.quote(String.valueOf(delimiter)), -1);
		if (parts.length != 5 || !parts[4].isEmpty() || parts[3].isEmpty()) {
			throw new FtpProtocolException("Malformed EPSV reply", reply);
		}
		try {
			return validPort(Integer.parseInt(parts[3]), reply);
		}
		catch (NumberFormatException ex) {
			throw new FtpProtocolException("Malformed port in EPSV reply", reply);
		}
	}

	/**
	 * The path of a 257 reply ({@code MKD}, {@code PWD}): the text between the first pair of
	 * quotes, with doubled quotes inside it meaning one quote (RFC 959 appendix II).
	 * @return the path, or an empty string when the reply does not quote one (as ftplib does)
	 * @throws FtpReplyException if the reply is not a 257
	 */
	static String parse257(Reply reply) throws FtpException {
		if (reply.code() != ReplyCode.PATHNAME_CREATED) {
			throw new FtpReplyException(reply);
		}
		String text = reply.lines().get(0);
		if (text.length() < 5 || !text.startsWith(" \"", 3)) {
			return "";
		}
		StringBuilder path = new StringBuilder();
		int i = 5;
		while (i < text.length()) {
			char c = text.charAt(i++);
			if (c == '"') {
				if (i < text.length() && text.charAt(i) == '"') {
					i++;
				}
				else {
					break;
				}
			}
			path.append(c);
		}
		return path.toString();
	}

	/**
	 * The extensions a FEAT reply (RFC 2389) announces, as upper-case names mapped to their
	 * parameters ({@code "MLST" -> "type*;size*;modify*;"}, {@code "UTF8" -> ""}): every line
	 * between the first and the last.
	 */
	static Map<String, String> parseFeatures(Reply reply) {
		Map<String, String> features = new LinkedHashMap<>();
		List<String> lines = reply.lines();
		for (String line : lines.subList(1, Math.max(1, lines.size() - 1))) {
			String feature = line.strip();
			int space = feature.indexOf(' ');
			String name = (space < 0) ? feature : feature.substring(0, space);
			features.put(name.toUpperCase(Locale.ROOT), (space < 0) ? "" : feature.substring(space + 1).strip());
		}
		return Collections.unmodifiableMap(features);
	}

	private static int validPort(int port, Reply reply) throws FtpProtocolException {
		if (port < 1 || port > 65535) {
			throw new FtpProtocolException("Invalid port " + port, reply);
		}
		return port;
	}

}
