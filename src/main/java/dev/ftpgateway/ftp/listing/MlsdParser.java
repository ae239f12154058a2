package dev.ftpgateway.ftp.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses RFC 3659 MLSD/MLST lines: {@code fact=value;fact=value; name}. Fact names are
 * case-insensitive and stored lower-cased; the single space after the last {@code ;} starts the
 * name, which may itself contain spaces and semicolons. A line whose {@code size}, {@code sizd}
 * or {@code modify} fact is malformed is rejected as broken; an empty value counts as absent.
 */
public final class MlsdParser implements ListingParser {

	/** RFC 3659 time-val: YYYYMMDDHHMMSS[.sss], always UTC. */
	private static final Pattern TIME_VAL = Pattern.compile(
			"(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,9})\\d*)?");

	private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

	/** ProFTPD 1.3.8 marks symlinks with {@code OS.unix=symlink} and never names the target. */
	private static final String SYMLINK = "os.unix=symlink";

	/** RFC 3659 and Pure-FTPd 1.0.50 use {@code OS.unix=slink:target}; Pure-FTPd leaves the target empty. */
	private static final String SLINK = "os.unix=slink";

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
			facts.put(line.substring(pos, equals).toLowerCase(Locale.ROOT), line.substring(equals + 1, semicolon));
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

	private static long number(String value) {
		if (!DIGITS.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a size: " + value);
		}
		return Long.parseLong(value);
	}

	private static Instant timeVal(String value) {
		Matcher m = TIME_VAL.matcher(value);
		if (!m.matches()) {
			throw new IllegalArgumentException("Not an RFC 3659 time-val: " + value);
		}
		String fraction = m.group(7) == null ? "" : m.group(7);
		int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
		return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
				Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
				Integer.parseInt(m.group(6)), nanos).toInstant(ZoneOffset.UTC);
	}

}
