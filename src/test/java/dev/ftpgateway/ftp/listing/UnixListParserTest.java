package dev.ftpgateway.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ftpgateway.testing.MovableClock;

/** Checks {@link UnixListParser} against the Unix corpora and field by field. */
class UnixListParserTest {

	/** Shortly after the ftplab servers were started, so their "Nov 23 19:15" lines are this year. */
	private static final Clock LAB_NOW = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

	private final UnixListParser parser = new UnixListParser(LAB_NOW, ZoneOffset.UTC);

	static List<ListingCorpus.Line> goodLines() {
		return ListingCorpus.load("unix-good.txt");
	}

	static List<ListingCorpus.Line> badLines() {
		return ListingCorpus.load("unix-bad.txt");
	}

	@ParameterizedTest
	@MethodSource("goodLines")
	void parsesEveryGoodLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).get().satisfies((entry) -> {
			assertThat(entry.raw()).isEqualTo(line.text());
			assertThat(entry.name()).isNotEmpty();
			assertThat(entry.modified()).isPresent();
		});
	}

	@ParameterizedTest
	@MethodSource("badLines")
	void rejectsEveryBadLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).isEmpty();
	}

	@Test
	void readsAVsftpdFileWithNumericOwner() {
		FtpEntry entry = parse("-rw-r--r--    1 1001     1001           16 Nov 23 19:15 UPPER.TXT");
		assertThat(entry.name()).isEqualTo("UPPER.TXT");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.FILE);
		assertThat(entry.size()).isEqualTo(OptionalLong.of(16));
		assertThat(entry.modified()).contains(Instant.parse("2026-11-23T19:15:00Z"));
		assertThat(entry.permissions()).contains("rw-r--r--");
		assertThat(entry.linkTarget()).isEmpty();
		assertThat(entry.facts()).isEmpty();
	}

	@Test
	void keepsTheLeadingSpaceOfAVsftpdFileName() {
		assertThat(parse("-rw-r--r--    1 1001     1001           25 Nov 23 19:15  leading space.txt").name())
			.isEqualTo(" leading space.txt");
	}

	@Test
	void keepsTrailingSpacesOfAFileName() {
		assertThat(parse("-rwxr-xr-x    3 110      1002            1234567 Dec 02  2009  foo bar ").name())
			.isEqualTo(" foo bar ");
	}

	@Test
	void keepsRunsOfSpacesInsideAProftpdFileName() {
		assertThat(parse("-rw-r--r--   1 labuser  labuser        22 Nov 23 19:15 two  spaces.txt").name())
			.isEqualTo("two  spaces.txt");
	}

	@Test
	void readsAProftpdDirectory() {
		FtpEntry entry = parse("drwxr-xr-x   2 labuser  labuser      4096 Nov 23 19:15 dir with space");
		assertThat(entry.name()).isEqualTo("dir with space");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.DIRECTORY);
		assertThat(entry.size()).isEqualTo(OptionalLong.of(4096));
		assertThat(entry.permissions()).contains("rwxr-xr-x");
	}

	@Test
	void treatsDotAndDotDotFromPureFtpdAsSelfOrParent() {
		assertThat(parse("drwxr-xr-x    4 1001       labuser          4096 Nov 23 19:15 .").isSelfOrParent()).isTrue();
		assertThat(parse("drwxr-xr-x   10 1001       labuser          4096 Nov 23 19:15 ..").isSelfOrParent())
			.isTrue();
	}

	@Test
	void splitsASymlinkIntoNameAndTarget() {
		FtpEntry entry = parse("lrwxrwxrwx    1 1001     1001           15 Nov 23 19:17 wt-listing-link -> /tree/file1.txt");
		assertThat(entry.name()).isEqualTo("wt-listing-link");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.SYMLINK);
		assertThat(entry.linkTarget()).contains("/tree/file1.txt");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(15));
	}

	@Test
	void leavesTheArrowInTheNameOfAFileThatIsNoSymlink() {
		FtpEntry entry = parse("-rw-r--r--   1 user group 5 Nov 23 19:15 a -> b");
		assertThat(entry.name()).isEqualTo("a -> b");
		assertThat(entry.linkTarget()).isEmpty();
	}

	@Test
	void givesADeviceNoSize() {
		FtpEntry entry = parse("crw-rw-rw- 1 root root 1, 3 Nov 22 05:56 /dev/null");
		assertThat(entry.name()).isEqualTo("/dev/null");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.OTHER);
		assertThat(entry.size()).isEmpty();
		assertThat(entry.modified()).contains(Instant.parse("2026-11-22T05:56:00Z"));
	}

	@Test
	void givesASolarisDeviceWithoutSpaceInItsNumbersNoSize() {
		FtpEntry entry = parse("crw-------   1 root     sys      109,767 Jul  2  2004 pci@1c,600000:devctl");
		assertThat(entry.name()).isEqualTo("pci@1c,600000:devctl");
		assertThat(entry.size()).isEmpty();
		assertThat(entry.modified()).contains(Instant.parse("2004-07-02T00:00:00Z"));
	}

	@ParameterizedTest
	@CsvSource({ "prw-r--r-- 1 root root 0 Nov 23 19:18 fifo, OTHER", "srwxr-xr-x 1 root root 0 Nov 23 19:18 sock, OTHER",
			"'brw------- 1 root root 254, 0 Nov 23 19:12 vda', OTHER", "drwxrwxrwt 13 root root 4096 Nov 23 19:18 tmp, DIRECTORY",
			"-rwsr-xr-x 1 root root 62672 Apr  7  2025 chfn, FILE" })
	void mapsTypeLetters(String line, FtpEntry.Type type) {
		assertThat(parse(line).type()).isEqualTo(type);
	}

	@ParameterizedTest
	@CsvSource({ "drwxrwx---+ 23 500     500    0 Jan 10 13:09 testACL, rwxrwx---",
			"drwxr-xr-x. 2 root root 6 Aug  9  2021 srv, rwxr-xr-x",
			"-rw-r--r--@ 1 joe  staff  1024 Mar 20  2019 mac.txt, rw-r--r--",
			"drwxr-x---+1464 chrism   chrism     41472 Feb 25 13:17 20090225, rwxr-x---" })
	void dropsAclAndAttributeMarkersFromPermissions(String line, String permissions) {
		assertThat(parse(line).permissions()).contains(permissions);
	}

	@Test
	void findsTheSizeBehindOwnerAndGroupNamesWithSpaces() {
		FtpEntry entry = parse("-rw-r--r--   1 ftp      group with spaces in it as allowed in cygwin see bug 38634"
				+ "   83853 Jan 22  2001 zxJDBC-1.2.4.tar.gz");
		assertThat(entry.name()).isEqualTo("zxJDBC-1.2.4.tar.gz");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(83853));
		assertThat(entry.modified()).contains(Instant.parse("2001-01-22T00:00:00Z"));
	}

	@Test
	void takesTheFirstDateSoANameMayLookLikeOne() {
		FtpEntry entry = parse("-rw-r--r--   1 ftpuser  ftpusers 12414535 Mar 17 11:07 test 1999 abc.pdf");
		assertThat(entry.name()).isEqualTo("test 1999 abc.pdf");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(12414535));
	}

	@Test
	void readsLongIsoDates() {
		FtpEntry entry = parse("lrwxrwxrwx   1 root root     7 2025-05-20 00:00 bin -> usr/bin");
		assertThat(entry.modified()).contains(Instant.parse("2025-05-20T00:00:00Z"));
		assertThat(entry.linkTarget()).contains("usr/bin");
	}

	@Test
	void readsTimesInTheServerZone() {
		UnixListParser berlin = new UnixListParser(LAB_NOW, ZoneId.of("Europe/Berlin"));
		assertThat(berlin.parse("-rw-r--r--    1 1001     1001           16 Nov 23 19:15 UPPER.TXT").orElseThrow()
			.modified()).contains(Instant.parse("2026-11-23T18:15:00Z"));
	}

	@Test
	void givesASizeTooBigForALongNoSize() {
		assertThat(parse("-rw-r--r--        0   18446744073709551615 18446744073709551615 Nov 16  2006 VIDEO_TS.VOB")
			.size()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "Feb 10 23:00, 2017-02-10T23:00:00Z", "Sep 10 22:59, 2017-09-10T22:59:00Z",
			"Sep 10 23:00, 2016-09-10T23:00:00Z", "Dec 24 18:00, 2016-12-24T18:00:00Z",
			"Mar 11 09:00, 2017-03-11T09:00:00Z", "Jan 23  2019, 2019-01-23T00:00:00Z" })
	void infersTheYearSoNoDateIsSixMonthsAhead(String date, Instant expected) {
		UnixListParser parser = new UnixListParser(Clock.fixed(Instant.parse("2017-03-10T23:00:00Z"), ZoneOffset.UTC),
				ZoneOffset.UTC);
		assertThat(parser.parse("-rw-r--r--   1 user group 1 " + date + " f").orElseThrow().modified())
			.contains(expected);
	}

	@Test
	void infersTheYearFromTheClockAsItReadsNowNotAsItReadForAnEarlierLine() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-31T23:59:00Z"));
		UnixListParser parser = new UnixListParser(clock, ZoneOffset.UTC);
		assertThat(parser.parse("-rw-r--r--   1 user group 1 Mar 01 12:00 f").orElseThrow().modified())
			.contains(Instant.parse("2026-03-01T12:00:00Z"));
		clock.set(Instant.parse("2027-01-01T00:01:00Z"));
		assertThat(parser.parse("-rw-r--r--   1 user group 1 Mar 01 12:00 f").orElseThrow().modified())
			.contains(Instant.parse("2027-03-01T12:00:00Z"));
	}

	@Test
	void readsTheTokenAfterTheLinkCountAsTheSizeWhenNoOwnerOrGroupIsListed() {
		FtpEntry entry = parse("-rw-r--r-- 1 5 Nov 23 19:15 file");
		assertThat(entry.name()).isEqualTo("file");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(5));
	}

	@Test
	void readsALineWithoutLinkCountOwnerOrGroup() {
		FtpEntry entry = parse("drwxr-xr-x  0 Nov 23 19:15 folder");
		assertThat(entry.name()).isEqualTo("folder");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(0));
	}

	@ParameterizedTest
	@CsvSource({ "'-rw-r--r--   1 user group 1 Nov 23 19:155 f'", "'-rw-r--r--   1 user group 1 Nov 123 19:15 f'",
			"'-rw-r--r--   1 user group 1 Nov 23 20155 f'", "'-rw-r--r--   1 user group 1 Nov 23 19:15	f'",
			"'-rw-r--r--   1 user group 1 2025-05-20  00:00 f'", "'-rw-r--r--   1 user group 1, Nov 23 19:15 f'" })
	void rejectsDatesThatAreOffByOneCharacter(String line) {
		assertThat(this.parser.parse(line)).isEmpty();
	}

	@Test
	void rejectsANameWithALineTerminatorInIt() {
		assertThat(this.parser.parse("-rw-r--r--   1 user group 1 Nov 23 19:15 a\u2028b")).isEmpty();
	}

	@Test
	void placesFebruary29thInLastYearWhenThisYearHasNone() {
		UnixListParser parser = new UnixListParser(Clock.fixed(Instant.parse("2025-01-10T00:00:00Z"), ZoneOffset.UTC),
				ZoneOffset.UTC);
		assertThat(parser.parse("-rw-r--r--   1 user group 1 Feb 29 12:00 f").orElseThrow().modified())
			.contains(Instant.parse("2024-02-29T12:00:00Z"));
	}

	@Test
	void rejectsFebruary29thWhenNeitherThisNorLastYearHasOne() {
		UnixListParser parser = new UnixListParser(Clock.fixed(Instant.parse("2023-01-10T00:00:00Z"), ZoneOffset.UTC),
				ZoneOffset.UTC);
		assertThat(parser.parse("-rw-r--r--   1 user group 1 Feb 29 12:00 f")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(value = { "''", "' '", "'total 0'", "'-rw-r--r--   1 user group 1 Nov 23 19:15 '" })
	void rejectsBlankAndNamelessLines(String line) {
		assertThat(this.parser.parse(line)).isEqualTo(Optional.empty());
	}

	private FtpEntry parse(String line) {
		return this.parser.parse(line).orElseThrow(() -> new AssertionError("Not parsed: " + line));
	}

}
