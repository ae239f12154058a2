package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file's digest from the server's own hash command, as FEAT announces it: HASH (with OPTS
 * HASH to choose the algorithm), the X commands of proftpd's mod_digest, MINA's MD5; none of
 * them reads the file through the gateway. The scripted fake answers as those servers do.
 */
class HashCommandsTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	HashCommandsTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.server.putFile("/a b.txt", CONTENT)
			.reply("MLST", "250-Listing\n type=file;size=5;modify=20240101120000; /a b.txt\n250 End");
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void hashChoosesTheAlgorithmWithOptsThenAsks() throws Exception {
		String expected = hex("SHA-256");
		feat(" HASH SHA-1*;SHA-256;MD5");
		// As proftpd's mod_digest answers: a line of progress, then the digest.
		this.server.reply("OPTS", "200 SHA-256")
			.reply("HASH", "213-Computing SHA-256 digest\n213 SHA-256 0-4 " + expected + " /a b.txt");
		assertThat(digest(List.of("SHA-512", "SHA-256"))).hasValueSatisfying((digest) -> {
			assertThat(digest.algorithm()).isEqualTo("SHA-256");
			assertThat(HexFormat.of().formatHex(digest.value())).isEqualTo(expected);
		});
		assertThat(this.server.commands()).contains("OPTS HASH SHA-256", "HASH /a b.txt")
			.noneMatch((command) -> command.startsWith("RETR"));
	}

	@Test
	void modDigestsCommandsTakeAQuotedPath() throws Exception {
		String expected = hex("SHA-512");
		feat(" XCRC\n XMD5\n XSHA1\n XSHA256\n XSHA512");
		this.server.reply("XSHA512", "250-Computing SHA512 digest\n250 " + expected.toUpperCase(Locale.ROOT));
		assertThat(digest(List.of("SHA-512"))).hasValueSatisfying(
				(digest) -> assertThat(HexFormat.of().formatHex(digest.value())).isEqualTo(expected));
		assertThat(this.server.commands()).contains("XSHA512 \"/a b.txt\"");
	}

	@Test
	void minasMd5AnswersWithThePathFirst() throws Exception {
		feat(" MD5");
		this.server.reply("MD5", "251 \"/a b.txt\" " + hex("MD5"));
		assertThat(digest(List.of("SHA-256", "MD5")).map(Digest::algorithm)).hasValue("MD5");
	}

	@Test
	void aRefusalOrNoCommandForTheWantedAlgorithmIsNoDigest() throws Exception {
		feat(" XSHA256\n XCRC");
		this.server.reply("XSHA256", "550 File too large for digesting");
		assertThat(digest(List.of("SHA-256"))).isEmpty();
		assertThat(digest(List.of("MD5"))).isEmpty();
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("XCRC"));
	}

	private void feat(String features) {
		this.server.reply("FEAT", "211-Features:\n EPSV\n MLST type*;size*;modify*;\n SIZE\n MDTM\n REST STREAM\n"
				+ features + "\n211 End");
	}

	private Optional<Digest> digest(List<String> algorithms) throws IOException {
		return new FileServer(this.pool, "/").reads().read(RemotePath.ofDecoded("/a b.txt"), new ReadHandler<>() {

			@Override
			public Optional<Digest> folder(RemoteFolder folder) {
				throw new AssertionError("not a folder");
			}

			@Override
			public Optional<Digest> file(RemoteFile file) throws IOException {
				return file.digestWithoutDownload(algorithms);
			}

		});
	}

	private static String hex(String algorithm) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(CONTENT));
	}

}
