package dev.ftpgateway.ftp.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses RFC 3659 MLSD/MLST lines: {@code fact=value;fact=value; name}. Fact names are
 * case-insensitive and stored lower-cased; the single space after the last {@code ;} starts the
 * name, which may itself contain spaces and semicolons. A line whose {@code size}, {@code sizd}
 * or {@code modify} fact is malformed is rejected as broken; an empty value counts as absent.
 */
public final class MlsdParser implements ListingParser {

	/** The digits of an RFC 3659 time-val (YYYYMMDDHHMMSS[.sss], always UTC) before any fraction. */
	private static final int TIME_VAL_DIGITS = 14;

	/** ProFTPD 1.3.8 marks symlinks with {@code OS.unix=symlink} and never names the target. */
	private static final String SYMLINK = "os.unix=symlink";

	/** RFC 3659 and Pure-FTPd 1.0.50 use {@code OS.unix=slink:target}; Pure-FTPd leaves the target empty. */
	private static final String SLINK = "os.unix=slink";

	/**
	 * The fact names servers send on every line, lower-cased: each line of a large listing would
	 * otherwise cost two new strings per fact just to lower-case its name.
	 */
	private static final List<String> COMMON_FACTS = List.of("type", "size", "sizd", "modify", "create", "perm",
			"unique", "lang", "media-type", "charset", "unix.mode", "unix.owner", "unix.group", "unix.ownername",
			"unix.groupname", "unix.uid", "unix.gid");

	@Override
	public Optional<FtpEntry> parse(String line) {
		Map<String, String> facts = new HashMap<>();
		int pos = 0;
		while (pos < line.length() && line.charAt(pos) != ' ') {
			int semicolon = line.indexOf(';', pos);
			int equals = line.indexOf('=', pos);
			if (semicolon < 0 || equals <= pos || equals > semicolon) {
				return Optional.empty();
			}
			facts.put(factName(line, pos, equals), line.substring(equals + 1, semicolon));
			pos = semicolon + 1;
		}
		if (pos + 1 >= line.length()) {
			return Optional.empty();
		}
		try {
			return Optional.of(toEntry(line.substring(pos + 1), facts, line));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static String factName(String line, int from, int to) {
		for (String common : COMMON_FACTS) {
			if (common.length() == to - from && isLowerCased(line, from, common)) {
				return common;
			}
		}
		return line.substring(from, to).toLowerCase(Locale.ROOT);
	}

	/** Whether the line from {@code from} lower-cases to the ASCII {@code lower}. */
	private static boolean isLowerCased(String line, int from, String lower) {
		for (int i = 0; i < lower.length(); i++) {
			char c = line.charAt(from + i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c != lower.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static FtpEntry toEntry(String name, Map<String, String> facts, String line) {
		String type = facts.getOrDefault("type", "");
		String lowerType = type.toLowerCase(Locale.ROOT);
		Optional<String> linkTarget = Optional.empty();
		if (lowerType.startsWith(SLINK + ":") && type.length() > SLINK.length() + 1) {
			linkTarget = Optional.of(type.substring(SLINK.length() + 1));
		}
		String size = facts.getOrDefault("size", facts.getOrDefault("sizd", ""));
		String modify = facts.getOrDefault("modify", "");
		return new FtpEntry(name, type(lowerType),
				size.isEmpty() ? OptionalLong.empty() : OptionalLong.of(number(size)),
				modify.isEmpty() ? Optional.empty() : Optional.of(timeVal(modify)),
				Optional.ofNullable(facts.get("perm")), linkTarget, facts, line);
	}

	private static FtpEntry.Type type(String lowerType) {
		return switch (lowerType) {
			case "file" -> FtpEntry.Type.FILE;
			case "dir" -> FtpEntry.Type.DIRECTORY;
			case "cdir" -> FtpEntry.Type.CURRENT_DIRECTORY;
			case "pdir" -> FtpEntry.Type.PARENT_DIRECTORY;
			case SYMLINK -> FtpEntry.Type.SYMLINK;
			default -> lowerType.startsWith(SLINK + ":") ? FtpEntry.Type.SYMLINK : FtpEntry.Type.OTHER;
		};
	}

	/** One to eighteen ASCII digits: every such number fits a long. */
	private static long number(String value) {
		if (value.length() > 18 || !isDigits(value, 0, value.length())) {
			throw new IllegalArgumentException("Not a size: " + value);
		}
		return Long.parseLong(value);
	}

	/** YYYYMMDDHHMMSS, then optionally a dot and at least one digit, of which nine count. */
	private static Instant timeVal(String value) {
		int fractionStart = TIME_VAL_DIGITS + 1;
		boolean fraction = value.length() > TIME_VAL_DIGITS;
		if (value.length() < TIME_VAL_DIGITS || !isDigits(value, 0, TIME_VAL_DIGITS) || (fraction
				&& (value.charAt(TIME_VAL_DIGITS) != '.' || !isDigits(value, fractionStart, value.length())))) {
			throw new IllegalArgumentException("Not an RFC 3659 time-val: " + value);
		}
		int nanos = 0;
		for (int i = 0; i < 9; i++) {
			int at = fractionStart + i;
			nanos = nanos * 10 + ((fraction && at < value.length()) ? value.charAt(at) - '0' : 0);
		}
		return LocalDateTime.of(number(value, 0, 4), number(value, 4, 6), number(value, 6, 8), number(value, 8, 10),
				number(value, 10, 12), number(value, 12, 14), nanos).toInstant(ZoneOffset.UTC);
	}

	private static boolean isDigits(String value, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int number(String value, int from, int to) {
		int number = 0;
		for (int i = from; i < to; i++) {
			number = number * 10 + (value.charAt(i) - '0');
		}
		return number;
	}

}
