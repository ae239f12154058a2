package dev.ftpgateway.ftp.listing;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Year;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Unix {@code ls -l} style LIST lines, as sent by vsftpd, ProFTPD, Pure-FTPd, pyftpdlib
 * and most other servers. Owner and group are skipped, not returned: they may contain spaces
 * (Cygwin, Windows domain groups), so the parser anchors on the size and date columns instead,
 * taking the first place in the line where a size is followed by a date.
 */
public final class UnixListParser implements ListingParser {

	private static final String MONTH = "(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

	private static final Pattern ENTRY = Pattern.compile(""
			+ "(?<type>[-dlpsbc])"
			+ "(?<perms>(?:[r-][w-][-xsStTlL]){3})"
			// ACL (+) on Linux and Solaris, SELinux context (.) on RHEL, extended attributes (@) on macOS
			+ "[+.@]?"
			// The link count is optional: jlaffaye/ftp met a server that lists "drwxr-xr-x  folder  0 ...".
			+ "(?:\\s*\\d+)?"
			+ "\\s+.*?"
			+ "\\s+(?<size>\\d+(?:,\\s*\\d+)?)"
			+ "\\s+(?:(?<month>" + MONTH + ")\\s+(?<day>\\d{1,2})"
			+ "\\s+(?:(?<hour>\\d{1,2}):(?<minute>\\d{2})|(?<year>\\d{4}))"
			// ls --time-style=long-iso
			+ "|(?<iso>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}))"
			+ " (?<name>.+)");

	private static final DateTimeFormatter ISO_MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
			.withResolverStyle(ResolverStyle.STRICT);

	private static final String LINK_ARROW = " -> ";

	private static final Map<String, Month> MONTHS = Map.ofEntries(
			Map.entry("jan", Month.JANUARY), Map.entry("feb", Month.FEBRUARY), Map.entry("mar", Month.MARCH),
			Map.entry("apr", Month.APRIL), Map.entry("may", Month.MAY), Map.entry("jun", Month.JUNE),
			Map.entry("jul", Month.JULY), Map.entry("aug", Month.AUGUST), Map.entry("sep", Month.SEPTEMBER),
			Map.entry("oct", Month.OCTOBER), Map.entry("nov", Month.NOVEMBER), Map.entry("dec", Month.DECEMBER));

	/** ls shows the time instead of the year for files changed in the last six months. */
	private static final int RECENT_MONTHS = 6;

	private final Clock clock;

	private final ZoneId zone;

	/** A parser that reads times as UTC and infers missing years from the system clock. */
	public UnixListParser() {
		this(Clock.systemUTC(), ZoneOffset.UTC);
	}

	/**
	 * @param clock the clock that decides which year a line without one belongs to
	 * @param zone the server's time zone, in which listed times are read
	 */
	public UnixListParser(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	@Override
	public Optional<FtpEntry> parse(String line) {
		Matcher m = ENTRY.matcher(line);
		if (!m.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(toEntry(m, line));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private FtpEntry toEntry(Matcher m, String line) {
		char typeLetter = m.group("type").charAt(0);
		FtpEntry.Type type = switch (typeLetter) {
			case '-' -> FtpEntry.Type.FILE;
			case 'd' -> FtpEntry.Type.DIRECTORY;
			case 'l' -> FtpEntry.Type.SYMLINK;
			default -> FtpEntry.Type.OTHER;
		};
		String name = m.group("name");
		Optional<String> linkTarget = Optional.empty();
		int arrow = name.indexOf(LINK_ARROW);
		if (type == FtpEntry.Type.SYMLINK && arrow > 0) {
			String target = name.substring(arrow + LINK_ARROW.length());
			linkTarget = target.isEmpty() ? Optional.empty() : Optional.of(target);
			name = name.substring(0, arrow);
		}
		boolean device = typeLetter == 'b' || typeLetter == 'c';
		return new FtpEntry(name, type, device ? OptionalLong.empty() : size(m.group("size")),
				Optional.of(modified(m).atZone(this.zone).toInstant()), Optional.of(m.group("perms")), linkTarget,
				Map.of(), line);
	}

	/** Devices list "major, minor" where the size would be; a size too big for a long is no size. */
	private static OptionalLong size(String column) {
		if (column.indexOf(',') >= 0) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(column));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	private LocalDateTime modified(Matcher m) {
		if (m.group("iso") != null) {
			return LocalDateTime.parse(m.group("iso"), ISO_MINUTES);
		}
		Month month = MONTHS.get(m.group("month").toLowerCase(Locale.ROOT));
		int day = Integer.parseInt(m.group("day"));
		if (m.group("year") != null) {
			return LocalDate.of(Integer.parseInt(m.group("year")), month, day).atStartOfDay();
		}
		LocalTime time = LocalTime.of(Integer.parseInt(m.group("hour")), Integer.parseInt(m.group("minute")));
		return inferYear(month, day, time);
	}

	/**
	 * Picks the year for a "Mar 20 09:48" line: this year, unless that would put the date six
	 * months or more ahead of now, in which case ls meant last year.
	 */
	private LocalDateTime inferYear(Month month, int day, LocalTime time) {
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.zone));
		LocalDateTime limit = now.toLocalDateTime().plusMonths(RECENT_MONTHS);
		for (int year = now.getYear(); year >= now.getYear() - 1; year--) {
			if (month != Month.FEBRUARY || day != 29 || Year.isLeap(year)) {
				LocalDateTime candidate = LocalDate.of(year, month, day).atTime(time);
				if (candidate.isBefore(limit)) {
					return candidate;
				}
			}
		}
		throw new DateTimeException("No recent year has " + month + " " + day);
	}

}
