package dev.ftpgateway.ftp.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks that {@link AutoListParser} finds the LIST format and then prefers it. */
class AutoListParserTest {

	private static final Clock LAB_NOW = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

	static Stream<ListingCorpus.Line> listLines() {
		return Stream.concat(ListingCorpus.load("unix-good.txt").stream(),
				ListingCorpus.load("windows-good.txt").stream());
	}

	static List<ListingCorpus.Line> mlsdLines() {
		return ListingCorpus.load("mlsd-good.txt");
	}

	@ParameterizedTest
	@MethodSource("listLines")
	void parsesEveryGoodUnixAndWindowsLine(ListingCorpus.Line line) {
		assertThat(new AutoListParser(LAB_NOW, ZoneOffset.UTC).parse(line.text())).isPresent();
	}

	@ParameterizedTest
	@MethodSource("mlsdLines")
	void leavesMlsdLinesAlone(ListingCorpus.Line line) {
		assertThat(new AutoListParser(LAB_NOW, ZoneOffset.UTC).parse(line.text())).isEmpty();
	}

	@Test
	void triesTheFormatThatMatchedFirstFromThenOn() {
		List<String> tried = new ArrayList<>();
		ListingParser a = (line) -> {
			tried.add("a");
			return Optional.empty();
		};
		ListingParser b = (line) -> {
			tried.add("b");
			return line.equals("b") ? new WindowsListParser().parse("08-10-15  02:04PM       <DIR>          b")
					: Optional.empty();
		};
		AutoListParser parser = new AutoListParser(List.of(a, b));
		assertThat(parser.parse("b")).isPresent();
		assertThat(tried).containsExactly("a", "b");
		tried.clear();
		assertThat(parser.parse("b")).isPresent();
		assertThat(tried).containsExactly("b");
		tried.clear();
		assertThat(parser.parse("neither")).isEmpty();
		assertThat(tried).containsExactly("b", "a");
	}

	@Test
	void readsAMixedListingOfAnIisServerSwitchedToUnixStyle() {
		AutoListParser parser = new AutoListParser(LAB_NOW, ZoneOffset.UTC);
		assertThat(parser.parse("d---------   1 owner    group               0 Nov  9 19:45 Softlib").orElseThrow()
			.type()).isEqualTo(FtpEntry.Type.DIRECTORY);
		assertThat(parser.parse("08-10-15  02:04PM       <DIR>          Billing").orElseThrow().name())
			.isEqualTo("Billing");
	}

}
