package dev.ftpgateway.ftp.listing;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Picks the year ls left out of a "Mar 20 09:48" line: this year, unless that would put the date
 * six months or more ahead of now, in which case ls meant last year.
 * <p>
 * Working out "now" in the server's zone costs more than parsing the rest of a line, and a listing
 * of ten thousand lines arrives within a few milliseconds, so the window is kept for as long as
 * the clock reads the same millisecond.
 */
final class RecentYears {

	/** ls shows the time instead of the year for files changed in the last six months. */
	private static final int RECENT_MONTHS = 6;

	private final Clock clock;

	private final ZoneId zone;

	private Window window;

	RecentYears(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	LocalDateTime dated(Month month, int day, LocalTime time) {
		Window current = window();
		for (int year = current.year(); year >= current.year() - 1; year--) {
			if (month != Month.FEBRUARY || day != 29 || Year.isLeap(year)) {
				LocalDateTime candidate = LocalDate.of(year, month, day).atTime(time);
				if (candidate.isBefore(current.limit())) {
					return candidate;
				}
			}
		}
		throw new DateTimeException("No recent year has " + month + " " + day);
	}

	private Window window() {
		Instant instant = this.clock.instant();
		Window current = this.window;
		if (current == null || current.millis() != instant.toEpochMilli()) {
			ZonedDateTime now = instant.atZone(this.zone);
			current = new Window(instant.toEpochMilli(), now.getYear(),
					now.toLocalDateTime().plusMonths(RECENT_MONTHS));
			this.window = current;
		}
		return current;
	}

	/** Immutable, so a parser shared between threads at worst recomputes it. */
	private record Window(long millis, int year, LocalDateTime limit) {
	}

}
