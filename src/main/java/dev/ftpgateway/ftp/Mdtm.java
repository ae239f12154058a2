package dev.ftpgateway.ftp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** Reads RFC 3659 time values ({@code YYYYMMDDHHMMSS[.sss]}, always UTC), as MDTM and MLSD's {@code modify} use. */
final class Mdtm {

	private static final DateTimeFormatter TIME_VAL = new DateTimeFormatterBuilder()
		.appendPattern("uuuuMMddHHmmss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.toFormatter();

	private Mdtm() {
	}

	/** The instant, or empty when the text is not a valid time value. */
	static Optional<Instant> parse(String timeVal) {
		try {
			return Optional.of(LocalDateTime.parse(timeVal, TIME_VAL).toInstant(ZoneOffset.UTC));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
