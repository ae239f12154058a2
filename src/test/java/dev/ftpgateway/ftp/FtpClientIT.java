package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.ftpgateway.ftp.listing.FtpEntry;
import org.assertj.core.data.TemporalUnitOffset;
import org.assertj.core.data.TemporalUnitWithinOffset;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every client method against a real server: Apache MINA FtpServer, embedded on port 0. */
class FtpClientIT {

	@RegisterExtension
	final EmbeddedFtpServerExtension server = new EmbeddedFtpServerExtension().withAnonymousReadOnly();

	private final byte[] content = new byte[300_000];

	@BeforeEach
	void createFiles() throws IOException {
		new Random(42).nextBytes(this.content);
		Files.createDirectories(this.server.home().resolve("pub/sub"));
		Files.write(this.server.home().resolve("pub/data.bin"), this.content);
		Files.writeString(this.server.home().resolve("pub/notes.txt"), "line one\nline two\n");
	}

	@Test
	void connectLogsInAndReportsTheWelcome() throws IOException {
		try (FtpClient ftp = new FtpClient()) {
			assertThat(ftp.connect(this.server.host(), this.server.port(), Duration.ofSeconds(10))).startsWith("220");
			assertThat(ftp.getWelcome()).startsWith("220");
			assertThat(ftp.login(this.server.user(), this.server.password())).startsWith("230");
			assertThat(ftp.pwd()).isEqualTo("/");
			assertThat(ftp.quit()).startsWith("221");
		}
	}

	@Test
	void anonymousLoginWorksWhereTheServerAllowsIt() throws IOException {
		try (FtpClient ftp = connected()) {
			assertThat(ftp.login()).startsWith("230");
			assertThat(ftp.nlst("/pub")).isNotEmpty();
		}
	}

	@Test
	void wrongPasswordIsA530() throws IOException {
		try (FtpClient ftp = connected()) {
			assertThatExceptionOfType(FtpPermanentException.class)
				.isThrownBy(() -> ftp.login(this.server.user(), "wrong"))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(530));
		}
	}

	@Test
	void binaryDownloadMatchesTheFileInPassiveAndActiveMode() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			for (boolean passive : new boolean[] { true, false }) {
				ftp.settings().setPassive(passive);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				assertThat(ftp.retrieveBinary("RETR /pub/data.bin", out::write)).startsWith("226");
				assertThat(out.toByteArray()).isEqualTo(this.content);
			}
		}
	}

	@Test
	void downloadFromAnOffsetGetsTheRest() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ftp.retrieveBinary("RETR /pub/data.bin", out::write, 4096, 1000L);
			assertThat(out.toByteArray()).hasSize(this.content.length - 1000);
			try (InputStream in = ftp.retrieve("/pub/data.bin", 299_990)) {
				assertThat(in.readAllBytes()).hasSize(10);
			}
		}
	}

	@Test
	void streamedDownloadClosedEarlyLeavesTheSessionUsable() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (InputStream in = ftp.retrieve("/pub/data.bin", 0)) {
				assertThat(in.readNBytes(100)).hasSize(100);
			}
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.size("/pub/data.bin")).hasValue(this.content.length);
		}
	}

	@Test
	void uploadsLandOnTheServerAsSent() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.storeBinary("STOR /pub/up.bin", new ByteArrayInputStream(this.content))).startsWith("226");
			try (OutputStream out = ftp.store("/pub/up.bin", true)) {
				out.write("tail".getBytes(StandardCharsets.US_ASCII));
			}
			ftp.storeLines("STOR /pub/up.txt", new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)));
		}
		byte[] stored = Files.readAllBytes(this.server.home().resolve("pub/up.bin"));
		assertThat(stored).hasSize(this.content.length + 4);
		assertThat(Files.readString(this.server.home().resolve("pub/up.txt"))).isIn("a\r\nb\r\n", "a\nb\n");
	}

	@Test
	void textDownloadComesLineByLine() throws IOException {
		List<String> lines = new ArrayList<>();
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveLines("RETR /pub/notes.txt", lines::add);
		}
		assertThat(lines).containsExactly("line one", "line two");
	}

	@Test
	void listingsNameEveryEntry() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.nlst("/pub")).anyMatch(n -> n.endsWith("data.bin"));
			List<String> dir = new ArrayList<>();
			ftp.dir(dir::add, "/pub");
			assertThat(dir).anyMatch(l -> l.endsWith("data.bin"));
			List<FtpEntry> entries = ftp.list("/pub");
			assertThat(entries).extracting(FtpEntry::name).containsExactlyInAnyOrder("data.bin", "notes.txt", "sub");
			FtpEntry data = entries.stream().filter(e -> e.name().equals("data.bin")).findFirst().orElseThrow();
			assertThat(data.type()).isEqualTo(FtpEntry.Type.FILE);
			assertThat(data.size()).hasValue(this.content.length);
			assertThat(ftp.mlsd("/pub")).extracting(FtpEntry::name).contains("data.bin", "sub");
			assertThat(ftp.mlst("/pub/data.bin").size()).hasValue(this.content.length);
		}
	}

	@Test
	void metadataMatchesTheFile() throws IOException {
		Instant modified = Files.getLastModifiedTime(this.server.home().resolve("pub/data.bin")).toInstant();
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.size("/pub/data.bin")).hasValue(this.content.length);
			assertThat(ftp.size("/pub/missing")).isEmpty();
			assertThat(ftp.mdtm("/pub/data.bin")).hasValueSatisfying(
					time -> assertThat(time).isCloseTo(modified.truncatedTo(ChronoUnit.SECONDS), within1s()));
			assertThat(ftp.features()).containsKey("MLST");
		}
	}

	@Test
	void foldersAreCreatedEnteredRenamedAndRemoved() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.mkd("/pub/new")).isEqualTo("/pub/new");
			ftp.cwd("/pub/new");
			assertThat(ftp.pwd()).isEqualTo("/pub/new");
			ftp.cwd("..");
			assertThat(ftp.pwd()).isEqualTo("/pub");
			ftp.rename("/pub/new", "/pub/renamed");
			assertThat(ftp.rmd("/pub/renamed")).startsWith("250");
			ftp.rename("/pub/notes.txt", "/pub/notes2.txt");
			assertThat(ftp.delete("/pub/notes2.txt")).startsWith("250");
		}
		assertThat(this.server.home().resolve("pub/renamed")).doesNotExist();
		assertThat(this.server.home().resolve("pub/notes2.txt")).doesNotExist();
	}

	@Test
	void missingFileIs550AndTheSessionCarriesOn() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.retrieve("/pub/none", 0))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(550));
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void rawTransferCommandNeedsTheCallerToReadTheFinalReply() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.voidCommand("TYPE I");
			Transfer transfer = ftp.ntransferCommand("RETR /pub/data.bin", null);
			try (transfer) {
				assertThat(transfer.socket().getInputStream().readAllBytes()).isEqualTo(this.content);
			}
			assertThat(ftp.voidResponse()).startsWith("226");
			assertThat(ftp.sendCommand("NOOP")).startsWith("200");
		}
	}

	@Test
	void abortRefusedByTheServerLeavesTheSessionInStep() throws IOException {
		// MINA FtpServer cannot decode the Telnet IP/Synch bytes before ABOR and answers 501.
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(ftp::abort);
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.pwd()).isEqualTo("/");
		}
	}

	private static TemporalUnitOffset within1s() {
		return new TemporalUnitWithinOffset(1, ChronoUnit.SECONDS);
	}

	private FtpClient connected() throws IOException {
		FtpClient ftp = new FtpClient();
		ftp.connect(this.server.host(), this.server.port(), Duration.ofSeconds(10));
		return ftp;
	}

	private FtpClient loggedIn() throws IOException {
		FtpClient ftp = connected();
		ftp.login(this.server.user(), this.server.password());
		return ftp;
	}

}
