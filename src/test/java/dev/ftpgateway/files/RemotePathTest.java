package dev.ftpgateway.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemotePathTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/a/b.txt              | /a/b.txt
			a/b.txt               | /a/b.txt
			//a///b.txt           | /a/b.txt
			/a/./b.txt            | /a/b.txt
			/a/x/../b.txt         | /a/b.txt
			/a/b/..               | /a
			/a%20b/c%2Bd.txt      | /a b/c+d.txt
			/a+b                  | /a+b
			/%C3%A9t%C3%A9.txt    | /été.txt
			/%e2%82%ac            | /€
			/a%2Fb                | /a/b
			/a;b=c                | /a;b=c
			""")
	void rawPathsAreDecodedOnceAndNormalised(String raw, String expected) {
		assertThat(RemotePath.parse(raw)).hasToString(expected);
	}

	@Test
	void percentSignsAreDecodedExactlyOnce() {
		assertThat(RemotePath.parse("/100%2525.txt")).hasToString("/100%25.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "//", ".", "/.", "/a/..", "/a/b/../../" })
	void emptyOrSelfCancellingPathsAreTheRoot(String raw) {
		RemotePath path = RemotePath.parse(raw);
		assertThat(path.isRoot()).isTrue();
		assertThat(path).isEqualTo(RemotePath.root());
		assertThat(path.under("/srv")).isEqualTo("/srv");
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", "/..", "/../etc/passwd", "/a/../../b", "/%2e%2e/x", "/a/%2E%2E/%2e%2e/b",
			"/..%2F..%2Fetc", "/a/b/../../../c" })
	void climbingAboveTheRootIsRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("above the root");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a%0D%0ADELE%20x", "/a%0d", "/a%0a", "/a%00b" })
	void controlCharactersThatCouldInjectFtpCommandsAreRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("control character");
	}

	@Test
	void literalControlCharactersAreRefusedToo() {
		assertThatThrownBy(() -> RemotePath.parse("/a\r\nDELE b")).isInstanceOf(InvalidRemotePathException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a\\..\\..\\x", "/a%5Cb" })
	void backslashesAreRefusedBecauseWindowsServersTreatThemAsSeparators(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("backslash");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a%", "/a%2", "/a%zz", "/a%2g", "/%G0" })
	void brokenPercentEncodingIsRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("percent-encoding");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%C3", "/%FF", "/%C3%28", "/%ED%A0%80" })
	void bytesThatAreNotUtf8AreRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("UTF-8");
	}

	@Test
	void overLongPathsAreRefused() {
		assertThatThrownBy(() -> RemotePath.parse("/" + "a".repeat(RemotePath.MAX_LENGTH)))
			.isInstanceOf(InvalidRemotePathException.class);
		// Short names: a single name that long is refused on its own (over 255 bytes).
		String longest = ("/" + "a".repeat(63)).repeat(64).substring(0, RemotePath.MAX_LENGTH - 1);
		assertThat(RemotePath.parse(longest).name()).hasSize(62);
	}

	@ParameterizedTest(name = "{0} under {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			/a/b.txt | /          | /a/b.txt
			/a/b.txt | /srv/data  | /srv/data/a/b.txt
			/a/b.txt | /srv/data/ | /srv/data/a/b.txt
			/        | /          | /
			/        | /srv/data/ | /srv/data
			""")
	void absolutePathsJoinTheRootAndTheRelativePath(String raw, String root, String expected) {
		assertThat(RemotePath.parse(raw).under(root)).isEqualTo(expected);
	}

	@Test
	void trailingSlashIsRemembered() {
		assertThat(RemotePath.parse("/docs/").hasTrailingSlash()).isTrue();
		assertThat(RemotePath.parse("/docs").hasTrailingSlash()).isFalse();
		assertThat(RemotePath.parse("/docs/x/..").hasTrailingSlash()).isTrue();
		assertThat(RemotePath.root().hasTrailingSlash()).isTrue();
	}

	@Test
	void nameParentAndResolveWalkTheTree() {
		RemotePath path = RemotePath.parse("/a/b/c.txt");
		assertThat(path.name()).isEqualTo("c.txt");
		assertThat(path.parent()).hasToString("/a/b");
		assertThat(path.parent().parent().parent()).isEqualTo(RemotePath.root());
		assertThat(RemotePath.root().parent()).isEqualTo(RemotePath.root());
		assertThat(path.parent().resolve("d.txt")).hasToString("/a/b/d.txt");
		assertThat(path.segments()).containsExactly("a", "b", "c.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".", "..", "a/b" })
	void resolveTakesOnlyOneRealSegment(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> RemotePath.root().resolve(name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%252e%252e/etc", "/a%252Fb", "/a%255Cb", "/a%2500b", "/a%250D%250Ab" })
	void doubleEncodedDotsSeparatorsAndControlsAreRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("encoded twice");
	}

	@Test
	void aLiteralPercentSequenceThatIsHarmlessStaysAName() {
		assertThat(RemotePath.parse("/a%2520b.txt").name()).isEqualTo("a%20b.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%C0%AE%C0%AE/etc", "/%E0%80%AE", "/%C0%AF" })
	void overlongUtf8IsRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a%09b", "/a%7Fb", "/a%C2%85b" })
	void everyControlCharacterIsRefused(String raw) {
		assertThatThrownBy(() -> RemotePath.parse(raw)).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("control character");
	}

	@Test
	void namesLongerThan255BytesAreRefusedWhileLongPathsOfShortNamesPass() {
		assertThat(RemotePath.parse("/" + "a".repeat(255)).name()).hasSize(255);
		assertThat(RemotePath.parse(("/" + "a".repeat(200)).repeat(10)).segments()).hasSize(10);
		assertThatThrownBy(() -> RemotePath.parse("/" + "a".repeat(256))).isInstanceOf(InvalidRemotePathException.class)
			.hasMessageContaining("255 bytes");
		// 128 two-byte characters are 256 bytes.
		assertThatThrownBy(() -> RemotePath.parse("/" + "%C3%A9".repeat(128)))
			.isInstanceOf(InvalidRemotePathException.class);
	}

}
