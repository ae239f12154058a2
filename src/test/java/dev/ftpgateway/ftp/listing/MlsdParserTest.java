package dev.ftpgateway.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks {@link MlsdParser} against the MLSD corpora and field by field. */
class MlsdParserTest {

	private final MlsdParser parser = new MlsdParser();

	static List<ListingCorpus.Line> goodLines() {
		return ListingCorpus.load("mlsd-good.txt");
	}

	static List<ListingCorpus.Line> badLines() {
		return ListingCorpus.load("mlsd-bad.txt");
	}

	@ParameterizedTest
	@MethodSource("goodLines")
	void parsesEveryGoodLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).get().satisfies((entry) -> {
			assertThat(entry.raw()).isEqualTo(line.text());
			assertThat(entry.name()).isNotEmpty();
		});
	}

	@ParameterizedTest
	@MethodSource("badLines")
	void rejectsEveryBadLine(ListingCorpus.Line line) {
		assertThat(this.parser.parse(line.text())).isEmpty();
	}

	@Test
	void readsAProftpdFile() {
		FtpEntry entry = parse("modify=20261123191534;perm=adfrw;size=21;type=file;unique=FE00U16601E;UNIX.group=1001;"
				+ "UNIX.groupname=labuser;UNIX.mode=0644;UNIX.owner=1001;UNIX.ownername=labuser; semi;colon.txt");
		assertThat(entry.name()).isEqualTo("semi;colon.txt");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.FILE);
		assertThat(entry.size()).isEqualTo(OptionalLong.of(21));
		assertThat(entry.modified()).contains(Instant.parse("2026-11-23T19:15:34Z"));
		assertThat(entry.permissions()).contains("adfrw");
		assertThat(entry.linkTarget()).isEmpty();
		assertThat(entry.facts()).containsEntry("unix.mode", "0644").containsEntry("unix.ownername", "labuser")
			.containsEntry("unique", "FE00U16601E").hasSize(10);
	}

	@Test
	void keepsTheLeadingSpaceOfAPureFtpdFileName() {
		FtpEntry entry = parse("type=file;size=25;modify=20261123191534;UNIX.mode=0644;UNIX.uid=1001;UNIX.gid=1001;"
				+ "unique=fe00g166011;  leading space.txt");
		assertThat(entry.name()).isEqualTo(" leading space.txt");
		assertThat(entry.permissions()).isEmpty();
	}

	@Test
	void takesThePureFtpdDirectorySizeFromSizd() {
		FtpEntry entry = parse("type=dir;sizd=4096;modify=20261123191534;UNIX.mode=0755;UNIX.uid=1001;UNIX.gid=1001;"
				+ "unique=fe00g16602a; dir with space");
		assertThat(entry.name()).isEqualTo("dir with space");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.DIRECTORY);
		assertThat(entry.size()).isEqualTo(OptionalLong.of(4096));
	}

	@ParameterizedTest
	@CsvSource({ "cdir, CURRENT_DIRECTORY", "pdir, PARENT_DIRECTORY", "Dir, DIRECTORY", "FILE, FILE",
			"OS.unix=symlink, SYMLINK", "OS.unix=slink:, SYMLINK", "OS.unix=blk-8/0, OTHER", "'', OTHER" })
	void mapsTypeFacts(String type, FtpEntry.Type expected) {
		assertThat(parse("type=" + type + "; x").type()).isEqualTo(expected);
	}

	@Test
	void readsTheSymlinkTargetFromAnRfc3659Slink() {
		FtpEntry entry = parse("Type=OS.unix=slink:/a dir/Target;Size=9; link");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.SYMLINK);
		assertThat(entry.linkTarget()).contains("/a dir/Target");
		assertThat(entry.facts()).containsEntry("type", "OS.unix=slink:/a dir/Target");
	}

	@Test
	void hasNoTargetForAPureFtpdSlinkWithAnEmptyOne() {
		FtpEntry entry = parse("type=OS.unix=slink:;size=15;modify=20261123191755;UNIX.mode=0777;UNIX.uid=1001;"
				+ "UNIX.gid=1001;unique=fe00g16600a; wt-listing-link");
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.SYMLINK);
		assertThat(entry.linkTarget()).isEmpty();
	}

	@Test
	void readsCapitalisedFactNames() {
		FtpEntry entry = parse("Modify=20150813175250;Perm=adfr;Size=951;Type=file;Unique=119FBB87UE;UNIX.group=0;"
				+ "UNIX.mode=0644;UNIX.owner=0; welcome.msg");
		assertThat(entry.size()).isEqualTo(OptionalLong.of(951));
		assertThat(entry.permissions()).contains("adfr");
		assertThat(entry.facts()).containsKeys("modify", "perm", "size", "type", "unique", "unix.mode");
	}

	@Test
	void readsFractionalSeconds() {
		assertThat(parse("Type=dir;Modify=20141022065102.999;UNIX.mode=0775; source").modified())
			.contains(Instant.parse("2014-10-22T06:51:02.999Z"));
	}

	@Test
	void lowerCasesFactNamesItDoesNotKnowAsWellAsTheCommonOnes() {
		FtpEntry entry = parse("X.Custom=1;UNIX.OwnerName=joe;x.already.lower=2; f");
		assertThat(entry.facts()).containsOnlyKeys("x.custom", "unix.ownername", "x.already.lower");
	}

	@ParameterizedTest
	@CsvSource({ "20141022065102.5, 2014-10-22T06:51:02.500Z", "20141022065102.123456789999, 2014-10-22T06:51:02.123456789Z",
			"20141022065102, 2014-10-22T06:51:02Z" })
	void readsUpToNineDigitsOfAFraction(String modify, Instant expected) {
		assertThat(parse("type=file;modify=" + modify + "; f").modified()).contains(expected);
	}

	@Test
	void readsALineWithoutFactsAsAName() {
		FtpEntry entry = parse(" Type=cdir;Modify=20141022065102; /leading/space");
		assertThat(entry.name()).isEqualTo("Type=cdir;Modify=20141022065102; /leading/space");
		assertThat(entry.facts()).isEmpty();
		assertThat(entry.type()).isEqualTo(FtpEntry.Type.OTHER);
	}

	@Test
	void readsANameThatIsASingleSpace() {
		assertThat(parse("  ").name()).isEqualTo(" ");
	}

	@Test
	void treatsEmptySizeAndModifyAsAbsent() {
		FtpEntry entry = parse("size=;modify=; f");
		assertThat(entry.size()).isEmpty();
		assertThat(entry.modified()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "''", "' '", "'type=file; '", "'size=-1; f'", "'size=99999999999999999999; f'",
			"'modify=20141322065102; f'", "'=x; f'", "'modify=2014102206510; f'", "'modify=20141022065102.; f'",
			"'modify=20141022065102.5x; f'", "'modify=20141022065102,5; f'", "'size=12a; f'" })
	void rejectsBrokenLines(String line) {
		assertThat(this.parser.parse(line)).isEmpty();
	}

	private FtpEntry parse(String line) {
		return this.parser.parse(line).orElseThrow(() -> new AssertionError("Not parsed: " + line));
	}

}
