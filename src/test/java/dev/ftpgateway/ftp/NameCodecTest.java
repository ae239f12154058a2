package dev.ftpgateway.ftp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NameCodecTest {

	private static final NameCodec UTF_8 = NameCodec.of(StandardCharsets.UTF_8);

	private static final byte[] LATIN1_CAFE = { 'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't' };

	@Test
	void namesThatDecodeAreTheirOwnText() {
		for (String name : new String[] { "plain.txt", "café é.txt", "日本語.txt", "emoji 🙂.txt", "\uEF41 just private" }) {
			byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
			assertThat(UTF_8.decode(bytes)).isEqualTo(name);
			assertThat(UTF_8.encode(name)).isEqualTo(bytes);
		}
	}

	@Test
	void aLatin1NameOnAUtf8ServerIsEscapedAndMapsBackToItsBytes() {
		String decoded = UTF_8.decode(LATIN1_CAFE);
		assertThat(decoded).isEqualTo("caf\uEFE9.txt").doesNotContain("\uFFFD");
		assertThat(UTF_8.encode(decoded)).isEqualTo(LATIN1_CAFE);
	}

	@Test
	void aNameHoldingAnEscapeCharacterIsEscapedItselfSoNoTwoNamesLookAlike() {
		byte[] real = "caf\uEFE9.txt".getBytes(StandardCharsets.UTF_8);
		String decoded = UTF_8.decode(real);
		assertThat(decoded).isNotEqualTo(UTF_8.decode(LATIN1_CAFE)).isEqualTo("caf\uEFEE\uEFBF\uEFA9.txt");
		assertThat(UTF_8.encode(decoded)).isEqualTo(real);
	}

	@Test
	void everyByteSequenceMapsBackToItself() {
		Random random = new Random(22);
		for (int round = 0; round < 2_000; round++) {
			byte[] bytes = new byte[1 + random.nextInt(40)];
			random.nextBytes(bytes);
			for (Charset charset : new Charset[] { StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
					StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"), Charset.forName("Shift_JIS") }) {
				NameCodec codec = NameCodec.of(charset);
				assertThat(codec.encode(codec.decode(bytes))).as("%s in %s", HexFormat.of().formatHex(bytes), charset)
					.isEqualTo(bytes);
			}
		}
	}

	@Test
	void latin1DecodesEveryByteAsItsCharacter() {
		assertThat(NameCodec.of(StandardCharsets.ISO_8859_1).decode(LATIN1_CAFE)).isEqualTo("café.txt");
	}

	@Test
	void noEscapeEncodesToAControlByte() {
		for (char c = NameCodec.ESCAPE_BASE; c < NameCodec.ESCAPE_BASE + 0x80; c++) {
			byte[] bytes = UTF_8.encode(String.valueOf(c));
			assertThat(bytes).hasSize(3);
			for (byte b : bytes) {
				assertThat(b & 0xFF).isGreaterThanOrEqualTo(0x80);
			}
		}
	}

	@Test
	void aNameTheCharsetCannotWriteIsRefusedRatherThanReplaced() {
		assertThatExceptionOfType(FtpUnencodableNameException.class)
			.isThrownBy(() -> NameCodec.of(StandardCharsets.ISO_8859_1).encode("RETR /日本.txt"))
			.withMessageContaining("ISO-8859-1")
			.satisfies((ex) -> assertThat(ex.charset()).isEqualTo(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(FtpUnencodableNameException.class).isThrownBy(() -> UTF_8.encode("lone \uD800"));
	}

}
