package dev.ftpgateway.ftp.listing;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the DOS style LIST lines of Microsoft IIS and other Windows servers:
 * {@code 03-20-19  09:48AM       <DIR>          folder} or
 * {@code 03-20-2019  09:48PM  1234 file name.txt}. Windows CE and some IIS setups use a 24-hour
 * clock without AM/PM.
 */
public final class WindowsListParser implements ListingParser {

	private static final Pattern ENTRY = Pattern.compile(""
			+ "(?<month>\\d{2})-(?<day>\\d{2})-(?<year>\\d{2}|\\d{4})"
			+ "\\s+(?<hour>\\d{1,2}):(?<minute>\\d{2})\\s*(?<half>[AaPp][Mm])?"
			// IIS pads <DIR> with ten spaces so names start in the same column as after a size;
			// a space beyond those belongs to the name.
			+ "\\s+(?:<DIR> {1,10}|(?<size>\\d+) )"
			+ "(?<name>.+)");

	/** Two-digit years are placed within this many years after now, otherwise in the past. */
	private static final int FUTURE_YEARS = 20;

	private final Clock clock;

	private final ZoneId zone;

	/** A parser that reads times as UTC and places two-digit years by the system clock. */
	public WindowsListParser() {
		this(Clock.systemUTC(), ZoneOffset.UTC);
	}

	/**
	 * @param clock the clock that decides the century of two-digit years
	 * @param zone the server's time zone, in which listed times are read
	 */
	public WindowsListParser(Clock clock, ZoneId zone) {
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
			LocalDateTime modified = LocalDateTime.of(year(m.group("year")), Integer.parseInt(m.group("month")),
					Integer.parseInt(m.group("day")), hour(m.group("hour"), m.group("half")),
					Integer.parseInt(m.group("minute")));
			String size = m.group("size");
			return Optional.of(new FtpEntry(m.group("name"),
					size == null ? FtpEntry.Type.DIRECTORY : FtpEntry.Type.FILE,
					size == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size)),
					Optional.of(modified.atZone(this.zone).toInstant()), Optional.empty(), Optional.empty(), Map.of(),
					line));
		}
		catch (DateTimeException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private int year(String digits) {
		int year = Integer.parseInt(digits);
		if (digits.length() == 4) {
			return year;
		}
		int latest = Year.now(this.clock.withZone(this.zone)).getValue() + FUTURE_YEARS;
		return latest - Math.floorMod(latest - year, 100);
	}

	private static int hour(String digits, String half) {
		int hour = Integer.parseInt(digits);
		if (half == null) {
			return hour;
		}
		if (hour < 1 || hour > 12) {
			throw new DateTimeException("Not a 12-hour clock hour: " + hour);
		}
		boolean pm = Character.toUpperCase(half.charAt(0)) == 'P';
		return hour % 12 + (pm ? 12 : 0);
	}

}
