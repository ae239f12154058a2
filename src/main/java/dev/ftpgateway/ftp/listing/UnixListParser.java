package dev.ftpgateway.ftp.listing;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses Unix {@code ls -l} style LIST lines, as sent by vsftpd, ProFTPD, Pure-FTPd, pyftpdlib
 * and most other servers. Owner and group are skipped, not returned: they may contain spaces
 * (Cygwin, Windows domain groups), so the parser anchors on the size and date columns instead,
 * taking the first place in the line where a size is followed by a date.
 * <p>
 * A line has this shape ({@code \s} is a space, tab or other ASCII white space):
 * <pre>
 * type perms [+.@] [\s* link-count] \s+ owner-and-group \s+ size \s+ date ' ' name
 * size: digits, or "major, minor" of a device
 * date: Mon \s+ day \s+ (hh:mm | yyyy), or yyyy-mm-dd hh:mm (ls --time-style=long-iso)
 * </pre>
 * The line is scanned by hand: a regular expression with a lazy owner-and-group part took most
 * of the time of listing a large folder. The scan tries the columns in the order a backtracking
 * match of that shape would, so an ambiguous line is read the same way.
 */
public final class UnixListParser implements ListingParser {

	private static final String LINK_ARROW = " -> ";

	private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

	/** Where the optional ACL, SELinux or extended attribute marker follows type and permissions. */
	private static final int AFTER_PERMISSIONS = 10;

	private final ZoneId zone;

	private final RecentYears recentYears;

	/** A parser that reads times as UTC and infers missing years from the system clock. */
	public UnixListParser() {
		this(Clock.systemUTC(), ZoneOffset.UTC);
	}

	/**
	 * @param clock the clock that decides which year a line without one belongs to
	 * @param zone the server's time zone, in which listed times are read
	 */
	public UnixListParser(Clock clock, ZoneId zone) {
		this.zone = zone;
		this.recentYears = new RecentYears(clock, zone);
	}

	@Override
	public Optional<FtpEntry> parse(String line) {
		FtpEntry.Type type = (line.length() > AFTER_PERMISSIONS) ? type(line.charAt(0)) : null;
		if (type == null || !hasPermissions(line)) {
			return Optional.empty();
		}
		int start = AFTER_PERMISSIONS;
		// ACL (+) on Linux and Solaris, SELinux context (.) on RHEL, extended attributes (@) on macOS
		if ("+.@".indexOf(line.charAt(start)) >= 0) {
			start++;
		}
		Columns columns = columns(line, start);
		if (columns == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(toEntry(line, type, columns));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private FtpEntry toEntry(String line, FtpEntry.Type type, Columns columns) {
		String name = line.substring(columns.name());
		Optional<String> linkTarget = Optional.empty();
		int arrow = name.indexOf(LINK_ARROW);
		if (type == FtpEntry.Type.SYMLINK && arrow > 0) {
			String target = name.substring(arrow + LINK_ARROW.length());
			linkTarget = target.isEmpty() ? Optional.empty() : Optional.of(target);
			name = name.substring(0, arrow);
		}
		char typeLetter = line.charAt(0);
		boolean device = typeLetter == 'b' || typeLetter == 'c';
		return new FtpEntry(name, type, device ? OptionalLong.empty() : size(line, columns),
				Optional.of(modified(columns).atZone(this.zone).toInstant()),
				Optional.of(line.substring(1, AFTER_PERMISSIONS)), linkTarget, Map.of(), line);
	}

	private static FtpEntry.Type type(char letter) {
		return switch (letter) {
			case '-' -> FtpEntry.Type.FILE;
			case 'd' -> FtpEntry.Type.DIRECTORY;
			case 'l' -> FtpEntry.Type.SYMLINK;
			case 'p', 's', 'b', 'c' -> FtpEntry.Type.OTHER;
			default -> null;
		};
	}

	/** Three {@code [r-][w-][-xsStTlL]} triples after the type letter. */
	private static boolean hasPermissions(String line) {
		for (int i = 1; i < AFTER_PERMISSIONS; i += 3) {
			char read = line.charAt(i);
			char write = line.charAt(i + 1);
			char execute = line.charAt(i + 2);
			if ((read != 'r' && read != '-') || (write != 'w' && write != '-') || "-xsStTlL".indexOf(execute) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Finds size, date and name after the permissions. With a link count, the size is looked for
	 * after the token that follows it, then in that token if two spaces lead to it; then as if
	 * there were no link count (jlaffaye/ftp met a server listing {@code drwxr-xr-x  folder  0 ...}):
	 * after the first token, then in it if two spaces lead to it.
	 */
	private static Columns columns(String line, int start) {
		int count = skipSpaces(line, start);
		int afterCount = skipDigits(line, count);
		int owner = skipSpaces(line, afterCount);
		if (afterCount > count && owner > afterCount) {
			Columns columns = firstAfterToken(line, owner);
			if (columns == null && owner - afterCount >= 2) {
				columns = at(line, owner);
			}
			if (columns != null) {
				return columns;
			}
		}
		if (count == start) {
			return null;
		}
		Columns columns = firstAfterToken(line, count);
		if (columns == null && count - start >= 2) {
			columns = at(line, count);
		}
		return columns;
	}

	/**
	 * Tries each token after the one at {@code token} as the size column, leftmost first. The
	 * owner and group in between may hold anything but a line terminator.
	 */
	private static Columns firstAfterToken(String line, int token) {
		int i = token;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (isSpace(c)) {
				int spaces = i;
				i = skipSpaces(line, i);
				Columns columns = at(line, i);
				if (columns != null) {
					return columns;
				}
				if (hasTerminator(line, spaces, i)) {
					return null;
				}
			}
			else if (isTerminator(c)) {
				return null;
			}
			else {
				i++;
			}
		}
		return null;
	}

	/** Size, date and name starting at {@code size}, or null when the line does not go on so. */
	private static Columns at(String line, int size) {
		int sizeEnd = skipDigits(line, size);
		if (sizeEnd == size) {
			return null;
		}
		boolean pair = false;
		if (sizeEnd < line.length() && line.charAt(sizeEnd) == ',') {
			int minor = skipSpaces(line, sizeEnd + 1);
			int minorEnd = skipDigits(line, minor);
			if (minorEnd == minor) {
				return null;
			}
			sizeEnd = minorEnd;
			pair = true;
		}
		int date = skipSpaces(line, sizeEnd);
		if (date == sizeEnd || date >= line.length()) {
			return null;
		}
		return isDigit(line.charAt(date)) ? isoDate(line, size, sizeEnd, pair, date)
				: monthDate(line, size, sizeEnd, pair, date);
	}

	/** {@code Mon dd hh:mm name} or {@code Mon dd yyyy name}. */
	private static Columns monthDate(String line, int size, int sizeEnd, boolean pair, int date) {
		int month = month(line, date);
		int dayStart = skipSpaces(line, date + 3);
		if (month == 0 || dayStart == date + 3) {
			return null;
		}
		int dayEnd = skipDigits(line, dayStart);
		int time = skipSpaces(line, dayEnd);
		if (dayEnd == dayStart || dayEnd - dayStart > 2 || time == dayEnd) {
			return null;
		}
		int day = number(line, dayStart, dayEnd);
		int hourEnd = skipDigits(line, time);
		if (hourEnd > time && hourEnd - time <= 2 && charAt(line, hourEnd) == ':'
				&& digitsThenSpace(line, hourEnd + 1, 2)) {
			return named(line, size, sizeEnd, pair, -1, month, day, number(line, time, hourEnd),
					number(line, hourEnd + 1, hourEnd + 3), hourEnd + 4);
		}
		if (digitsThenSpace(line, time, 4)) {
			return named(line, size, sizeEnd, pair, number(line, time, time + 4), month, day, 0, 0, time + 5);
		}
		return null;
	}

	/** {@code yyyy-mm-dd hh:mm name}, as {@code ls --time-style=long-iso} writes it. */
	private static Columns isoDate(String line, int size, int sizeEnd, boolean pair, int date) {
		if (!digitsThen(line, date, 4, '-') || !digitsThen(line, date + 5, 2, '-') || !digitsThen(line, date + 8, 2, ' ')
				|| !digitsThen(line, date + 11, 2, ':') || !digitsThenSpace(line, date + 14, 2)) {
			return null;
		}
		return named(line, size, sizeEnd, pair, number(line, date, date + 4), number(line, date + 5, date + 7),
				number(line, date + 8, date + 10), number(line, date + 11, date + 13),
				number(line, date + 14, date + 16), date + 17);
	}

	private static Columns named(String line, int size, int sizeEnd, boolean pair, int year, int month, int day,
			int hour, int minute, int name) {
		if (name >= line.length() || hasTerminator(line, name, line.length())) {
			return null;
		}
		return new Columns(size, sizeEnd, pair, year, month, day, hour, minute, name);
	}

	/** Devices list "major, minor" where the size would be; a size too big for a long is no size. */
	private static OptionalLong size(String line, Columns columns) {
		if (columns.pair()) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(line, columns.size(), columns.sizeEnd(), 10));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	private LocalDateTime modified(Columns columns) {
		if (columns.year() < 0) {
			return this.recentYears.dated(Month.of(columns.month()), columns.day(),
					LocalTime.of(columns.hour(), columns.minute()));
		}
		return LocalDateTime.of(columns.year(), columns.month(), columns.day(), columns.hour(), columns.minute());
	}

	/** The month (1 to 12) whose English abbreviation, in any ASCII case, starts at {@code at}; else 0. */
	private static int month(String line, int at) {
		if (at + 3 > line.length()) {
			return 0;
		}
		for (int i = 0; i < MONTHS.length(); i += 3) {
			if (lowerAscii(line.charAt(at)) == MONTHS.charAt(i) && lowerAscii(line.charAt(at + 1)) == MONTHS.charAt(i + 1)
					&& lowerAscii(line.charAt(at + 2)) == MONTHS.charAt(i + 2)) {
				return i / 3 + 1;
			}
		}
		return 0;
	}

	private static boolean digitsThenSpace(String line, int from, int count) {
		return digitsThen(line, from, count, ' ');
	}

	/** Exactly {@code count} ASCII digits from {@code from}, then {@code next}. */
	private static boolean digitsThen(String line, int from, int count, char next) {
		return skipDigits(line, from) == from + count && charAt(line, from + count) == next;
	}

	private static int number(String line, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + (line.charAt(i) - '0');
		}
		return value;
	}

	private static int skipDigits(String line, int from) {
		int i = from;
		while (i < line.length() && isDigit(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipSpaces(String line, int from) {
		int i = from;
		while (i < line.length() && isSpace(line.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean hasTerminator(String line, int from, int to) {
		for (int i = from; i < to; i++) {
			if (isTerminator(line.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static char charAt(String line, int index) {
		return (index < line.length()) ? line.charAt(index) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static char lowerAscii(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
	}

	/** The white space of a regular expression's {@code \s}. */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/** What a regular expression's {@code .} does not match: owner, group and name never hold these. */
	private static boolean isTerminator(char c) {
		return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	/**
	 * Where the columns of a line are; the date as listed, with year -1 when ls left it out.
	 */
	private record Columns(int size, int sizeEnd, boolean pair, int year, int month, int day, int hour, int minute,
			int name) {
	}

}
