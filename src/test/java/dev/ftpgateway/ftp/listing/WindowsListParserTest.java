package dev.ftpgateway.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks {@link WindowsListParser} against the DOS style corpora and field by field. */
class WindowsListParserTest {

	private final WindowsListParser parser = new WindowsListParser(
			Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

	static List<ListingCorpus.Line> goodLines() {
		return ListingCorpus.load("windows-good.txt");
	}

	static List<ListingCorpus.Line> badLines() {
		return ListingCorpus.load("windows-bad.txt");
	}

	@ParameterizedTest
	@MethodSource("goodLines")
	void parsesEveryGoodLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).get().satisfies((entry) -> {
			assertThat(entry.raw()).isEqualTo(line.text());
			assertThat(entry.modified()).isPresent();
			assertThat(entry.type()).isEqualTo(
					line.text().contains("<DIR>") ? FtpEntry.Type.DIRECTORY : FtpEntry.Type.FILE);
		});
	}

	@ParameterizedTest
	@MethodSource("badLines")
	void rejectsEveryBadLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).isEmpty();
	}

	@Test
	void readsAnIisDirectory() {
		FtpEntry entry = parse("12-05-96  05:03PM       <DIR>          absoft2");
		assertThat(entry.name()).isEqualTo("absoft2");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.DIRECTORY);
		assertThat(entry.size()).isEmpty();
		assertThat(entry.modified()).contains(Instant.parse("1996-12-05T17:03:00Z"));
		assertThat(entry.permissions()).isEmpty();
	}

	@Test
	void readsAnIisFileWhoseNameStartsWithDigits() {
		FtpEntry entry = parse("05-22-97  12:08AM                  5000000000 10 years and under");
		assertThat(entry.name()).isEqualTo("10 years and under");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.FILE);
		assertThat(entry.size()).isEqualTo(OptionalLong.of(5_000_000_000L));
		assertThat(entry.modified()).contains(Instant.parse("1997-05-22T00:08:00Z"));
	}

	@Test
	void keepsASpaceBeyondTheIisDirPaddingInTheName() {
		assertThat(parse("12-03-96  06:38PM       <DIR>           10 years and under").name())
			.isEqualTo(" 10 years and under");
	}

	@Test
	void readsFourDigitYears() {
		assertThat(parse("05-26-1995  10:57AM               143712 $LDR$").modified())
			.contains(Instant.parse("1995-05-26T10:57:00Z"));
	}

	@Test
	void readsTheWindowsCe24HourClock() {
		FtpEntry entry = parse("09-13-10  20:08       <DIR>          Recycled");
		assertThat(entry.modified()).contains(Instant.parse("2010-09-13T20:08:00Z"));
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.DIRECTORY);
	}

	@ParameterizedTest
	@CsvSource({ "95, 1995-01-01T12:00:00Z", "10, 2010-01-01T12:00:00Z", "46, 2046-01-01T12:00:00Z",
			"47, 1947-01-01T12:00:00Z" })
	void placesTwoDigitYearsAtMostTwentyYearsAhead(String year, Instant expected) {
		assertThat(parse("01-01-" + year + "  12:00PM                    1 f").modified()).contains(expected);
	}

	@ParameterizedTest
	@CsvSource({ "'02-30-19  09:48AM                    1 f'", "'03-20-19  13:48PM                    1 f'",
			"'03-20-19  24:00                      1 f'", "'03-20-19  09:48AM                    1 '", "''" })
	void rejectsImpossibleDatesAndNamelessLines(String line) {
		assertThat(this.parser.parse(line)).isEmpty();
	}

	private FtpEntry parse(String line) {
		return this.parser.parse(line).orElseThrow(() -> new AssertionError("Not parsed: " + line));
	}

}
