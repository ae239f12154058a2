package dev.ftpgateway.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.testing.ReceivedCommand;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The file and folder commands, especially how they treat replies real servers vary on. */
class FtpClientCommandsTest {

	private static final Instant MODIFIED = Instant.parse("2024-01-01T12:00:00Z");

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	FtpClientCommandsTest() throws IOException {
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void cwdToParentSendsCdup() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.cwd("..");
		}
		assertThat(this.server.commands()).contains("CDUP").doesNotContain("CWD ..");
	}

	@Test
	void cwdToParentFallsBackToCwdWhenCdupIsUnknown() throws IOException {
		this.server.reply("CDUP", "500 Unknown command");
		try (FtpClient ftp = loggedIn()) {
			ftp.cwd("..");
		}
		assertThat(this.server.commands()).containsSubsequence("CDUP", "CWD ..");
	}

	@Test
	void cwdToNothingStaysWhereItIs() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.cwd("");
		}
		assertThat(this.server.commands()).contains("CWD .");
	}

	@Test
	void mkdAndPwdReturnThePathFromThe257Reply() throws IOException {
		this.server.reply("MKD", "257 \"/a \"\"quoted\"\" dir\" created");
		this.server.reply("PWD", "257 \"/home/x\" is current directory");
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.mkd("a \"quoted\" dir")).isEqualTo("/a \"quoted\" dir");
			assertThat(ftp.pwd()).isEqualTo("/home/x");
		}
	}

	@Test
	void mkdAnsweredWithAnother2xxGivesAnEmptyPath() throws IOException {
		// IIS on Windows Server 2003 answers MKD with 250.
		this.server.reply("MKD", "250 MKD command successful.");
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.mkd("d")).isEmpty();
		}
	}

	@Test
	void renameSendsRnfrThenRnto() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.rename("a", "b")).startsWith("250");
		}
		assertThat(this.server.commands()).containsSubsequence("RNFR a", "RNTO b");
	}

	@Test
	void renameWithoutThe350IsAReplyError() throws IOException {
		this.server.reply("RNFR", "250 odd");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpReplyException.class).isThrownBy(() -> ftp.rename("a", "b"));
		}
		assertThat(this.server.commands()).doesNotContain("RNTO b");
	}

	@Test
	void deleteAcceptsOnly250Or200() throws IOException {
		this.server.putFile("/x", new byte[1]);
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.delete("/x")).startsWith("250");
			this.server.nextReply("226 odd");
			assertThatExceptionOfType(FtpReplyException.class).isThrownBy(() -> ftp.delete("/x"));
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.delete("/missing"));
		}
	}

	@Test
	void rmdSendsRmd() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.rmd("d")).startsWith("250");
		}
		assertThat(this.server.commands()).contains("RMD d");
	}

	@Test
	void sizeIsReadFrom213AndEmptyWhenRefused() throws IOException {
		this.server.putFile("/f", new byte[1234]);
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.size("/f")).hasValue(1234);
			assertThat(ftp.size("/missing")).isEmpty();
			this.server.nextReply("213 not-a-number");
			assertThat(ftp.size("/f")).isEmpty();
		}
	}

	@Test
	void sizeIsEmptyWhenTheServerLacksTheCommand() throws IOException {
		this.server.reply("SIZE", "502 Command not implemented");
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.size("/f")).isEmpty();
		}
	}

	@Test
	void sizeRefusedForAnotherReasonThanAMissingFileIsAnError() throws IOException {
		this.server.reply("SIZE", "530 Not logged in");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.size("/f"))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(530));
		}
	}

	@Test
	void sizeAndMdtmOfManyFilesGoOutTogetherAndEachFileGetsItsOwnReplies() throws IOException {
		this.server.putFile("/a", new byte[10]);
		this.server.putFile("/c", new byte[30]);
		try (FtpClient ftp = loggedIn()) {
			List<FileStatus> statuses = ftp.sizeAndMdtmEach(List.of("/a", "/missing", "/c"));
			assertThat(statuses).extracting(FileStatus::size)
				.containsExactly(OptionalLong.of(10), OptionalLong.empty(), OptionalLong.of(30));
			assertThat(statuses).extracting(FileStatus::modified)
				.containsExactly(Optional.of(MODIFIED), Optional.empty(), Optional.of(MODIFIED));
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
		assertThat(this.server.receivedCommands()).filteredOn((command) -> command.line().matches("(SIZE|MDTM) /.*"))
			.extracting(ReceivedCommand::sentBeforePreviousReply)
			.containsExactly(false, true, true, true, true, true);
	}

	@Test
	void mlstOfManyPathsGoesOutTogetherAndAMissingPathIsEmpty() throws IOException {
		this.server.putFile("/a", new byte[10]);
		this.server.putFile("/c", new byte[30]);
		try (FtpClient ftp = loggedIn()) {
			List<Optional<FtpEntry>> entries = ftp.mlstEach(List.of("/a", "/missing", "/c"));
			assertThat(entries).extracting((entry) -> entry.flatMap((found) -> found.size().isPresent()
					? Optional.of(found.size().getAsLong()) : Optional.empty()))
				.containsExactly(Optional.of(10L), Optional.empty(), Optional.of(30L));
			assertThat(entries.get(0).orElseThrow().modified()).contains(MODIFIED);
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
		assertThat(this.server.receivedCommands()).filteredOn((command) -> command.verb().equals("MLST"))
			.extracting(ReceivedCommand::sentBeforePreviousReply)
			.containsExactly(false, true, true);
	}

	@Test
	void mlstOfManyPathsThrowsARefusalOtherThanMissingOnceEveryReplyWasRead() throws IOException {
		this.server.reply("MLST", "530 Not logged in");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class)
				.isThrownBy(() -> ftp.mlstEach(List.of("/a", "/b", "/c")))
				.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void aServerAnsweringBothPipelinedNoopsAcceptsPipelining() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.acceptsPipelining(Duration.ofSeconds(2))).isTrue();
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void aServerNotAnsweringPipelinedNoopsInTimeDoesNotAcceptPipeliningAndTheSessionIsBroken() throws IOException {
		this.server.stall("NOOP", Duration.ofSeconds(3));
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.acceptsPipelining(Duration.ofMillis(300))).isFalse();
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@Test
	void mdtmIsReadAsUtc() throws IOException {
		this.server.putFile("/f", new byte[1]);
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.mdtm("/f")).contains(Instant.parse("2024-01-01T12:00:00Z"));
			this.server.nextReply("213 20240101120000.250");
			assertThat(ftp.mdtm("/f")).contains(Instant.parse("2024-01-01T12:00:00.250Z"));
			assertThat(ftp.mdtm("/missing")).isEqualTo(Optional.empty());
		}
	}

	@Test
	void featuresAreParsedOnceAndEmptyWithoutFeat() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.features()).containsKeys("EPSV", "MLST", "UTF8").containsEntry("REST", "STREAM");
			ftp.features();
		}
		assertThat(this.server.commands().stream().filter(c -> c.equals("FEAT"))).hasSize(1);

		this.server.reply("FEAT", "502 Command not implemented");
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.features()).isEmpty();
		}
	}

	@Test
	void nlstAndDirPassArgumentsAndReturnLines() throws IOException {
		this.server.setListing("NLST", List.of("a.txt", "b.txt"));
		this.server.setListing("LIST", List.of("-rw-r--r-- 1 u g 5 Jan 01 12:00 a.txt"));
		List<String> dir = new ArrayList<>();
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.nlst("/pub")).containsExactly("a.txt", "b.txt");
			ftp.dir(dir::add, "-a", "/pub");
		}
		assertThat(dir).containsExactly("-rw-r--r-- 1 u g 5 Jan 01 12:00 a.txt");
		assertThat(this.server.commands()).contains("NLST /pub", "LIST -a /pub");
	}

	@Test
	void mlsdAsksForFactsAndParsesEntries() throws IOException {
		this.server.setListing("MLSD",
				List.of("type=cdir;modify=20240101120000; /pub", "type=file;size=12;modify=20240101120000; a b.txt"));
		try (FtpClient ftp = loggedIn()) {
			List<FtpEntry> entries = ftp.mlsd("/pub", "type", "size");
			assertThat(entries).extracting(FtpEntry::name).containsExactly("/pub", "a b.txt");
			assertThat(entries.get(1).size()).hasValue(12);
		}
		assertThat(this.server.commands()).containsSubsequence("OPTS MLST type;size;", "MLSD /pub");
	}

	@Test
	void mlstReadsTheEntryFromTheControlConnection() throws IOException {
		this.server.reply("MLST", "250-Listing /f\n type=file;size=7;modify=20240101120000; /f\n250 End");
		try (FtpClient ftp = loggedIn()) {
			FtpEntry entry = ftp.mlst("/f");
			assertThat(entry.type()).isEqualTo(FtpEntry.Type.FILE);
			assertThat(entry.size()).hasValue(7);
		}
	}

	@Test
	void listUsesMlsdWhenTheServerAnnouncesMlstAndLeavesOutSelfAndParent() throws IOException {
		this.server.setListing("MLSD", List.of("type=cdir; /pub", "type=pdir; /", "type=dir; sub", "type=file;size=1; f"));
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.list("/pub")).extracting(FtpEntry::name).containsExactly("sub", "f");
		}
		assertThat(this.server.commands()).contains("MLSD /pub").doesNotContain("LIST /pub");
	}

	@Test
	void listFallsBackToParsedListWithoutMlst() throws IOException {
		this.server.reply("FEAT", "211-Features:\n SIZE\n211 End");
		this.server.setListing("LIST", List.of("total 2", "drwxr-xr-x 2 u g 4096 Jan 01 12:00 .",
				"drwxr-xr-x 2 u g 4096 Jan 01 12:00 sub", "lrwxrwxrwx 1 u g 3 Jan 01 12:00 ln -> sub"));
		try (FtpClient ftp = loggedIn()) {
			List<FtpEntry> entries = ftp.list("/pub");
			assertThat(entries).extracting(FtpEntry::name).containsExactly("sub", "ln");
			assertThat(entries.get(1).linkTarget()).contains("sub");
		}
		assertThat(this.server.commands()).contains("LIST /pub");
	}

	@Test
	void listUsesListEvenWhenTheServerAnnouncesMlstOnceMlsdIsTurnedOff() throws IOException {
		this.server.setListing("LIST", List.of("drwxr-xr-x 2 u g 4096 Jan 01 12:00 sub"));
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.features()).containsKey("MLST");
			ftp.settings().setUseMlsd(false);
			assertThat(ftp.list("/pub")).extracting(FtpEntry::name).containsExactly("sub");
		}
		assertThat(this.server.commands()).contains("LIST /pub").doesNotContain("MLSD /pub");
	}

	@Test
	void noopChecksTheSession() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void aNameInAnotherCharsetIsListedWithEscapesAndReachedByThem() throws IOException {
		// The server stores and lists names in ISO-8859-1; the client reads it as UTF-8.
		this.server.charset(StandardCharsets.ISO_8859_1).putFile("/café.txt", "abc".getBytes(StandardCharsets.UTF_8));
		String escaped = "/caf\uEFE9.txt";
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.list("/")).extracting(FtpEntry::name).containsExactly("caf\uEFE9.txt");
			assertThat(ftp.size(escaped)).hasValue(3);
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			ftp.retrieveBinary("RETR " + escaped, content::write);
			assertThat(content.toByteArray()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
			ftp.rename(escaped, "/caf\uEFE8.txt");
			ftp.delete("/caf\uEFE8.txt");
		}
		assertThat(this.server.receivedCommands()).filteredOn((command) -> command.verb().equals("DELE"))
			.singleElement()
			.satisfies((command) -> assertThat(command.raw())
				.isEqualTo("DELE /caf\u00E8.txt".getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(this.server.file("/café.txt")).isNull();
		assertThat(this.server.file("/cafè.txt")).isNull();
	}

	@Test
	void aNameTheServersCharsetCannotWriteIsNotSent() throws IOException {
		try (FtpClient ftp = loggedIn(StandardCharsets.ISO_8859_1)) {
			assertThatExceptionOfType(FtpUnencodableNameException.class).isThrownBy(() -> ftp.delete("/日本.txt"));
			assertThat(ftp.noop()).startsWith("200");
		}
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("DELE"));
	}

	@Test
	void aBatchWithANameTheServersCharsetCannotWriteSendsNoneOfItAndStaysInStep() throws IOException {
		try (FtpClient ftp = loggedIn(StandardCharsets.ISO_8859_1)) {
			assertThatExceptionOfType(FtpUnencodableNameException.class)
				.isThrownBy(() -> ftp.mlstEach(List.of("/a", "/日本.txt")));
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("MLST"));
	}

	private FtpClient loggedIn() throws IOException {
		return loggedIn(StandardCharsets.UTF_8);
	}

	private FtpClient loggedIn(Charset charset) throws IOException {
		FtpClient ftp = new FtpClient();
		ftp.settings().setCharset(charset);
		ftp.settings().setReplyTimeout(Duration.ofSeconds(5));
		ftp.settings().setDataTimeout(Duration.ofSeconds(5));
		ftp.connect(this.server.host(), this.server.port());
		ftp.login("user", "pw");
		return ftp;
	}

}
