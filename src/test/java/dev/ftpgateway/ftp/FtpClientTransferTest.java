package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import dev.ftpgateway.testing.ReceivedCommand;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Data connections and transfers, against the scripted fake server. */
class FtpClientTransferTest {

	/** Random, so that blocks handed out or written out of order could not match by chance. */
	private static final byte[] CONTENT = randomBytes(5000);

	private static final byte[] LARGE = randomBytes(200_000);

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	FtpClientTransferTest() throws IOException {
		this.server.putFile("/f.bin", CONTENT);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void retrieveBinaryHandsEveryBlockToTheCallbackAndReturnsTheFinalReply() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.retrieveBinary("RETR /f.bin", out::write, 1024)).startsWith("226");
		}
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
		assertThat(this.server.commands()).containsSubsequence("TYPE I", "EPSV", "RETR /f.bin");
	}

	@Test
	void retrieveBinaryNeverHandsOutABlockLargerThanTheBlockSize() throws IOException {
		List<Integer> lengths = new ArrayList<>();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveBinary("RETR /f.bin", (block, offset, length) -> {
				lengths.add(length);
				out.write(block, offset, length);
			}, 700);
		}
		assertThat(lengths).allSatisfy((length) -> assertThat(length).isBetween(1, 700));
		assertThat(lengths).hasSizeGreaterThanOrEqualTo(CONTENT.length / 700 + 1);
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
	}

	@Test
	void retrieveBinaryRefusesABlockSizeBelowOne() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (block, offset, length) -> {
				}, 0));
		}
		assertThat(this.server.commands()).doesNotContain("RETR /f.bin");
	}

	@Test
	void restartOffsetIsSentBeforeTheTransferCommand() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveBinary("RETR /f.bin", out::write, 8192, 4000L);
		}
		assertThat(out.toByteArray()).hasSize(1000);
		assertThat(this.server.commands()).containsSubsequence("REST 4000", "RETR /f.bin");
	}

	@Test
	void typeIsSentOnlyWhenItChanges() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
			});
			ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
			});
			ftp.size("/f.bin");
		}
		assertThat(this.server.commands().stream().filter(c -> c.startsWith("TYPE"))).containsExactly("TYPE I");
	}

	@Test
	void passiveHostInThe227IsIgnoredByDefault() throws IOException {
		this.server.reply("EPSV", "502 EPSV not implemented").advertisedHost("127.0.0.2");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveBinary("RETR /f.bin", out::write);
		}
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
	}

	@Test
	void passiveHostInThe227IsUsedOnlyWhenTrusted() throws IOException {
		// The server announces 127.0.0.2 but listens on 127.0.0.1 only: trusting the
		// announcement must fail to connect, which proves the announced host was used.
		this.server.reply("EPSV", "502 EPSV not implemented").advertisedHost("127.0.0.2");
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setTrustPassiveHost(true);
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}));
		}
	}

	@Test
	void refusedEpsvFallsBackToPasvOncePerSession() throws IOException {
		this.server.reply("EPSV", "500 Unknown command");
		try (FtpClient ftp = loggedIn()) {
			ftp.nlst();
			ftp.nlst();
		}
		assertThat(this.server.commands().stream().filter(c -> c.equals("EPSV"))).hasSize(1);
		assertThat(this.server.commands().stream().filter(c -> c.equals("PASV"))).hasSize(2);
	}

	@Test
	void oddButRealPassiveRepliesWork() throws IOException {
		this.server.reply("EPSV", "502 no");
		this.server.pasvReply(port -> "227 =127,0,0,1," + (port >> 8) + "," + (port & 255));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.retrieveBinary("RETR /f.bin", out::write);
		}
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
	}

	@Test
	void extendedPassiveReplyWithOtherDelimitersWorks() throws IOException {
		this.server.epsvReply(port -> "229 Entering Extended Passive Mode (!!!" + port + "!)");
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.nlst("/")).contains("f.bin");
		}
	}

	@Test
	void anExtendedPassiveReplyNamingAPrivilegedPortIsRefusedAndTheSessionStaysInStep() throws IOException {
		this.server.epsvReply(port -> "229 Entering Extended Passive Mode (|||21|)");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> ftp.nlst("/"))
				.withMessageContaining("privileged port 21");
			assertThat(ftp.noop()).startsWith("200");
		}
		assertThat(this.server.commands()).noneMatch(command -> command.startsWith("NLST"));
	}

	@Test
	void aPassiveReplyNamingAPrivilegedPortIsRefused() throws IOException {
		this.server.reply("EPSV", "500 EPSV not understood")
			.pasvReply(port -> "227 Entering Passive Mode (127,0,0,1,0,21)");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> ftp.nlst("/"))
				.withMessageContaining("privileged port 21");
		}
	}

	@Test
	void ntransferCommandReturnsTheDataSocketAndTheSizeFromThe150Reply() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.voidCommand("TYPE I");
			Transfer transfer = ftp.ntransferCommand("RETR /f.bin", null);
			assertThat(transfer.expectedSize()).isEqualTo(OptionalLong.of(CONTENT.length));
			try (Socket socket = transfer.socket()) {
				assertThat(socket.getInputStream().readAllBytes()).isEqualTo(CONTENT);
			}
			assertThat(ftp.voidResponse()).startsWith("226");
		}
	}

	@Test
	void transferCommandReturnsTheDataSocket() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (Socket socket = ftp.transferCommand("NLST /")) {
				assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("f.bin");
			}
			assertThat(ftp.voidResponse()).startsWith("226");
		}
	}

	@Test
	void dataConnectionDroppedWith426IsAnError() throws IOException {
		this.server.dropDataAfter(100, "426 Connection closed; transfer aborted");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpTemporaryException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(426));
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void dataConnectionDroppedButReportedCompleteIsNeverASilentShortRead() throws IOException {
		this.server.dropDataAfter(100, "226 Transfer complete");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpProtocolException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}))
				.withMessageContaining("after 100 of 5000 bytes");
		}
	}

	@Test
	void failureReportedAfterACompleteTransferIsAnError() throws IOException {
		this.server.replyAfterTransfer("451 Local error in processing");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpTemporaryException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(451));
		}
	}

	@Test
	void missingFileFailsBeforeAnyDataAndLeavesTheSessionUsable() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.retrieve("/missing", 0))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(550));
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void retrieveStreamReadsTheFileAndCloseReadsTheFinalReply() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				assertThat(in.expectedSize()).isEqualTo(OptionalLong.of(CONTENT.length));
				assertThat(in.readAllBytes()).isEqualTo(CONTENT);
			}
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void passiveDownloadsReadTheDataChannelStraightIntoDirectBuffers() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				assertThat(in.readsChannelDirectly()).isTrue();
				assertThat(readAll(in, ByteBuffer.allocateDirect(777))).isEqualTo(CONTENT);
			}
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void activeDownloadsReadIntoBuffersThroughAnArray() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				assertThat(in.readsChannelDirectly()).isFalse();
				assertThat(readAll(in, ByteBuffer.allocateDirect(777))).isEqualTo(CONTENT);
			}
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				assertThat(readAll(in, ByteBuffer.allocate(777))).isEqualTo(CONTENT);
			}
		}
	}

	@Test
	void aFailureReplyAfterThe150EndsADownloadStreamBeforeItIsHandedOut() throws IOException {
		this.server.failTransferAfterPreliminary("425 Can't open data connection");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpTemporaryException.class).isThrownBy(() -> ftp.retrieve("/f.bin", 0))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(425));
			assertThat(ftp.isTransferOpen()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void aFailureReplyAfterThe150FailsACopyLoopInsteadOfWaitingForData() throws IOException {
		this.server.failTransferAfterPreliminary("425 Can't open data connection");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpTemporaryException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(425));
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void moreThanOneReplyAfterAFailedTransferNeverShiftsTheRepliesOfLaterCommands() throws IOException {
		// Twisted's FTP server ends a failed line-mode transfer with a 426 and then a 226.
		this.server.replyAfterTransfer("426 Connection closed; transfer aborted\n226 Transfer complete");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpTemporaryException.class).isThrownBy(() -> ftp.retrieveLines("LIST /", l -> {
			}));
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
			assertThat(ftp.pwd()).isEqualTo("/");
		}
	}

	@Test
	void channelReadsOfAStalledDataConnectionTimeOutAndTheSessionStaysInStep() throws IOException {
		this.server.stallDataAfter(100, Duration.ofSeconds(5));
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setDataTimeout(Duration.ofMillis(300));
			TransferInputStream in = ftp.retrieve("/f.bin", 0);
			long start = System.nanoTime();
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> readAll(in, ByteBuffer.allocateDirect(64)));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			in.close();
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void timeSpentBetweenChannelReadsIsNoStall() throws Exception {
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setDataTimeout(Duration.ofMillis(200));
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				ByteBuffer first = ByteBuffer.allocateDirect(100);
				in.read(first);
				// A caller whose own client reads slowly: SO_TIMEOUT would not count this either.
				Thread.sleep(800);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.write(bytesOf(first.flip()));
				out.write(readAll(in, ByteBuffer.allocateDirect(1000)));
				assertThat(out.toByteArray()).isEqualTo(CONTENT);
			}
		}
	}

	@Test
	void retrieveStreamFromAnOffsetUsesRest() throws IOException {
		try (FtpClient ftp = loggedIn(); TransferInputStream in = ftp.retrieve("/f.bin", 4990)) {
			assertThat(in.readAllBytes()).hasSize(10);
		}
		assertThat(this.server.commands()).containsSubsequence("REST 4990", "RETR /f.bin");
	}

	@Test
	void clientRefusesOtherCommandsWhileAStreamIsOpen() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			TransferInputStream in = ftp.retrieve("/f.bin", 0);
			assertThatIllegalStateException().isThrownBy(ftp::noop);
			in.readAllBytes();
			in.close();
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void closingAStreamEarlyAbortsWithTelnetSynchAndKeepsTheSessionInStep() throws IOException {
		this.server.putFile("/big.bin", bytes(4_000_000));
		try (FtpClient ftp = loggedIn()) {
			try (InputStream in = ftp.retrieve("/big.bin", 0)) {
				in.readNBytes(1000);
			}
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
		ReceivedCommand abor = this.server.receivedCommands()
			.stream()
			.filter(c -> c.verb().equals("ABOR"))
			.findFirst()
			.orElseThrow();
		assertThat(abor.rawStartsWith(0xFF, 0xF4, 0xFF, 0xF2)).isTrue();
	}

	@Test
	void abortAcceptsTheServersAborReplies() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.abort()).startsWith("226");
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void abortAnsweredLateStillEndsInStep() throws IOException {
		this.server.stall("ABOR", Duration.ofMillis(2500));
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.abort()).startsWith("226");
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void abortWithAnUnexpectedReplyIsAProtocolError() throws IOException {
		this.server.reply("ABOR", "200 whatever");
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(ftp::abort);
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@Test
	void storeStreamUploadsAndCloseConfirmsIt() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (OutputStream out = ftp.store("/up.bin", false)) {
				out.write(CONTENT);
			}
			try (OutputStream out = ftp.store("/up.bin", true)) {
				out.write(new byte[] { 1, 2, 3 });
			}
		}
		assertThat(this.server.file("/up.bin")).hasSize(CONTENT.length + 3);
		assertThat(this.server.commands()).containsSubsequence("STOR /up.bin", "APPE /up.bin");
	}

	@Test
	void passiveUploadsWriteDirectBuffersToTheDataChannelAfterWhatWasWrittenBefore() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (TransferOutputStream out = ftp.store("/up.bin", false)) {
				assertThat(out.writesChannelDirectly()).isTrue();
				writeInThreeWays(out);
			}
			assertThat(ftp.noop()).startsWith("200");
		}
		assertThat(this.server.file("/up.bin")).isEqualTo(threeWaysContent());
	}

	@Test
	void activeUploadsWriteBuffersThroughAnArray() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			try (TransferOutputStream out = ftp.store("/up.bin", false)) {
				assertThat(out.writesChannelDirectly()).isFalse();
				writeInThreeWays(out);
			}
		}
		assertThat(this.server.file("/up.bin")).isEqualTo(threeWaysContent());
	}

	/** A byte, then more than one array's worth from a direct buffer, then a heap buffer. */
	private static void writeInThreeWays(TransferOutputStream out) throws IOException {
		out.write(7);
		ByteBuffer direct = ByteBuffer.allocateDirect(LARGE.length).put(LARGE).flip();
		assertThat(out.write(direct)).isEqualTo(LARGE.length);
		assertThat(direct.hasRemaining()).isFalse();
		out.write(ByteBuffer.wrap(CONTENT));
	}

	private static byte[] threeWaysContent() {
		return ByteBuffer.allocate(1 + LARGE.length + CONTENT.length).put((byte) 7).put(LARGE).put(CONTENT).array();
	}

	@Test
	void storeStreamCloseThrowsWhenTheServerRejectsTheUpload() throws IOException {
		this.server.replyAfterTransfer("552 Exceeded storage allocation");
		try (FtpClient ftp = loggedIn()) {
			TransferOutputStream out = ftp.store("/up.bin", false);
			out.write(CONTENT);
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(out::close)
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(552));
			assertThat(ftp.noop()).startsWith("200");
		}
	}

	@Test
	void abortedUploadSendsAborBeforeClosingTheData() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			TransferOutputStream out = ftp.store("/up.bin", false);
			out.write(CONTENT);
			out.abort();
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
		assertThat(this.server.commands()).containsSubsequence("STOR /up.bin", "ABOR");
	}

	@Test
	void storeBinaryCallsBackWithEachBlockSent() throws IOException {
		List<Integer> blocks = new ArrayList<>();
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.storeBinary("STOR /up.bin", new ByteArrayInputStream(CONTENT), 2000,
					block -> blocks.add(block.length)))
				.startsWith("226");
		}
		assertThat(blocks).containsExactly(2000, 2000, 1000);
		assertThat(this.server.file("/up.bin")).isEqualTo(CONTENT);
	}

	@Test
	void storeLinesSendsCrlfLineEndsWhateverTheInputHad() throws IOException {
		List<String> sent = new ArrayList<>();
		byte[] text = "one\ntwo\r\nthree".getBytes(StandardCharsets.UTF_8);
		try (FtpClient ftp = loggedIn()) {
			ftp.storeLines("STOR /t.txt", new ByteArrayInputStream(text), sent::add);
		}
		assertThat(new String(this.server.file("/t.txt"), StandardCharsets.UTF_8)).isEqualTo("one\r\ntwo\r\nthree\r\n");
		assertThat(sent).containsExactly("one", "two", "three");
		assertThat(this.server.commands()).contains("TYPE A");
	}

	@Test
	void retrieveLinesStripsLineEndsInAsciiMode() throws IOException {
		this.server.putFile("/t.txt", "a\r\nb\nc".getBytes(StandardCharsets.UTF_8));
		List<String> lines = new ArrayList<>();
		try (FtpClient ftp = loggedIn()) {
			assertThat(ftp.retrieveLines("RETR /t.txt", lines::add)).startsWith("226");
		}
		assertThat(lines).containsExactly("a", "b", "c");
	}

	@Test
	void activeModeUsesEprtAndAcceptsTheServersConnection() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			ftp.retrieveBinary("RETR /f.bin", out::write);
		}
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
		assertThat(this.server.commands()).anyMatch(c -> c.startsWith("EPRT |1|127.0.0.1|"));
	}

	@Test
	void activeModeFallsBackToPortWhenEprtIsRefused() throws IOException {
		this.server.reply("EPRT", "500 Unknown command");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			ftp.retrieveBinary("RETR /f.bin", out::write);
		}
		assertThat(out.toByteArray()).isEqualTo(CONTENT);
		assertThat(this.server.commands()).anyMatch(c -> c.startsWith("PORT 127,0,0,1,"));
	}

	@Test
	void activeModeConnectThatNeverComesReadsTheServersVerdict() throws IOException {
		// The server says 150, then gives up connecting and says 425: the 425 is the error, and
		// the next command reads its own reply.
		this.server.reply("RETR", "150 Opening data connection\n425 Can't open data connection");
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			ftp.settings().setDataTimeout(Duration.ofMillis(300));
			assertThatExceptionOfType(FtpTemporaryException.class).isThrownBy(() -> ftp.retrieve("/f.bin", 0))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(425));
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	@Test
	void activeModeConnectThatNeverComesWithoutAVerdictBreaksTheSession() throws IOException {
		this.server.reply("RETR", "150 Opening data connection");
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setPassive(false);
			ftp.settings().setDataTimeout(Duration.ofMillis(300));
			ftp.settings().setReplyTimeout(Duration.ofMillis(300));
			assertThatExceptionOfType(java.net.SocketTimeoutException.class).isThrownBy(() -> ftp.retrieve("/f.bin", 0));
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@Test
	void restartMarkerIsClearedWhenTheTransferIsRefused() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.retrieve("/missing", 100));
		}
		assertThat(this.server.commands()).containsSubsequence("REST 100", "RETR /missing", "REST 0");
	}

	@Test
	void closingTheClientClosesTheDataConnectionOfAnOpenStream() throws IOException {
		this.server.putFile("/big.bin", bytes(4_000_000));
		FtpClient ftp = loggedIn();
		TransferInputStream in = ftp.retrieve("/big.bin", 0);
		ftp.close();
		assertThat(ftp.isTransferOpen()).isFalse();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> in.readNBytes(5_000_000));
	}

	@Test
	void stalledDataConnectionTimesOut() throws IOException {
		this.server.stallDataAfter(100, Duration.ofSeconds(5));
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setDataTimeout(Duration.ofMillis(300));
			assertThatExceptionOfType(java.net.SocketTimeoutException.class)
				.isThrownBy(() -> ftp.retrieveBinary("RETR /f.bin", (b, o, l) -> {
				}));
			// The abort that follows the timeout must leave the dialogue in step.
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.sendCommand("ECHO 299 in step")).isEqualTo("299 in step");
		}
	}

	private FtpClient loggedIn() throws IOException {
		FtpClient ftp = new FtpClient();
		ftp.settings().setReplyTimeout(Duration.ofSeconds(5));
		ftp.settings().setDataTimeout(Duration.ofSeconds(5));
		ftp.connect(this.server.host(), this.server.port());
		ftp.login("user", "pw");
		return ftp;
	}

	private static byte[] readAll(TransferInputStream in, ByteBuffer buffer) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (in.read(buffer.clear()) >= 0) {
			out.write(bytesOf(buffer.flip()));
		}
		return out.toByteArray();
	}

	private static byte[] bytesOf(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		// Seeded by the size, so that contents of different sizes differ from the first byte.
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

}
