package dev.ftpgateway.diagnose;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.RunningTransfers;
import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.transfers.TransferListener;
import dev.ftpgateway.transfers.TransferStart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The server report against the scripted fake, for replies no embedded server sends on demand:
 * another server's greeting and FEAT, hash commands, a refused login; and against a port where
 * nothing listens.
 */
class ServerCheckTest {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final Duration BOUND = Duration.ofSeconds(10);

	/** What vsftpd 3.0.3 answers FEAT with, TLS off. */
	private static final String VSFTPD_FEATURES = "211-Features:\n EPRT\n EPSV\n MDTM\n PASV\n REST STREAM\n SIZE\n TVFS\n"
			+ "211 End";

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final RunningTransfers transfers = new RunningTransfers(Clock.systemUTC(), TransferListener.NONE);

	private FtpSessionPool pool;

	ServerCheckTest() throws IOException {
	}

	@AfterEach
	void close() {
		if (this.pool != null) {
			this.pool.close();
		}
		this.server.close();
	}

	@Test
	void aVsftpdIsRecognizedFromItsGreetingAndItsFeaturesRead() {
		this.server.welcome("220 (vsFTPd 3.0.3)").reply("FEAT", VSFTPD_FEATURES);
		ServerReport report = report(this.server.port(), null);
		assertThat(report.status()).isEqualTo("up");
		assertThat(report.failure()).isNull();
		assertThat(report.software()).isEqualTo("vsftpd");
		assertThat(report.welcome()).contains("(vsFTPd 3.0.3)");
		assertThat(report.system()).contains("UNIX Type: L8");
		assertThat(report.features()).containsExactly("EPRT", "EPSV", "MDTM", "PASV", "REST STREAM", "SIZE", "TVFS");
		assertThat(report.capabilities())
			.isEqualTo(new ServerReport.Capabilities(false, true, true, false, true, true, List.of()));
		assertThat(report.tlsSession()).isNull();
		assertThat(report.loginMillis()).isNotNull();
		assertThat(report.noopMillis()).isNotNull();
		assertThat(report.clock().outcome()).isEqualTo("skipped");
		assertThat(report.dataConnection()).isEqualTo(new ServerReport.DataConnection("passive", true, null, null));
		assertThat(report.suggestions()).anyMatch((line) -> line.startsWith("ftp-gateway.servers.fake.use-mlsd has no effect"));
		assertThat(this.server.commands()).contains("SYST", "FEAT", "NOOP", "LIST", "QUIT");
	}

	@Test
	void theReportListsTheTransfersOfItsServerRunningNowAndNoneOfAnotherServer() throws IOException {
		this.server.welcome("220 (vsFTPd 3.0.3)").reply("FEAT", VSFTPD_FEATURES);
		try (RunningTransfer download = this.transfers.start(new TransferStart("fake", "/big.iso",
				TransferDirection.DOWNLOAD, 1000, "127.0.0.1", "api-key:ops", "r1"));
				RunningTransfer other = this.transfers.start(new TransferStart("partner-a", "/x.csv",
						TransferDirection.UPLOAD, -1, "127.0.0.1", null, "r2"))) {
			download.moved(300);
			ServerReport report = report(this.server.port(), null);
			assertThat(report.transfers()).singleElement().satisfies((transfer) -> {
				assertThat(transfer.id()).isEqualTo(download.id());
				assertThat(transfer.path()).isEqualTo("/big.iso");
				assertThat(transfer.bytes()).isEqualTo(300);
			});
		}
		assertThat(report(this.server.port(), null).transfers()).isEmpty();
	}

	@Test
	void theSoftwareIsTakenFromFeatWhenTheGreetingNamesNone() {
		this.server.welcome("220 Welcome to the partner exchange").reply("FEAT", "211-Features:\n CSID Name; Version;\n"
				+ " MLST type*;size*;modify*;\n SSCN\n211 End");
		assertThat(report(this.server.port(), null).software()).isEqualTo("proftpd");
	}

	@Test
	void whatWasAppliedForAKnownQuirkIsReported() {
		this.server.welcome("220 ProFTPD 1.3.8 Server (Debian) [127.0.0.1]");
		ServerReport report = report(this.server.port(), null, false);
		assertThat(report.software()).isEqualTo("proftpd");
		assertThat(report.applied()).singleElement().asString().startsWith("use-mlsd=false: proftpd");
		assertThat(report.suggestions()).noneMatch((line) -> line.contains("use-mlsd=false is faster"));
	}

	@Test
	void anExplicitSettingIsKeptAndTheQuirkSuggested() {
		this.server.welcome("220 ProFTPD 1.3.8 Server (Debian) [127.0.0.1]");
		ServerReport report = report(this.server.port(), null, true);
		assertThat(report.applied()).isEmpty();
		assertThat(report.suggestions()).contains("ftp-gateway.servers.fake.use-mlsd=false is faster here: proftpd "
				+ "answers LIST about twice as fast as MLSD on large folders (times then to the minute, in the server's "
				+ "local time)");
	}

	@Test
	void hashCommandsAndTlsOnOfferAreReported() {
		this.server.reply("FEAT", "211-Features:\n AUTH TLS\n XMD5\n MLST type*;size*;modify*;\n HASH SHA-256*;MD5\n"
				+ " XSHA256\n211 End");
		ServerReport report = report(this.server.port(), null);
		assertThat(report.software()).isEqualTo("unknown");
		assertThat(report.capabilities().mlsd()).isTrue();
		assertThat(report.capabilities().hashCommands()).containsExactly("HASH", "XSHA256", "XMD5");
		assertThat(report.suggestions()).anyMatch((line) -> line.startsWith("ftp-gateway.servers.fake.tls.mode=explicit"));
	}

	@Test
	void theClockIsMeasuredOnAFileUploadedToTheReportFolderAndRemovedAfterwards() {
		ServerReport report = report(this.server.port(), "/upload");
		// The fake dates every file ScriptedFtpServer.MODIFIED, 2024-01-01: long behind the gateway's clock.
		assertThat(report.clock().outcome()).isEqualTo("measured");
		assertThat(report.clock().offsetSeconds()).isNegative();
		String file = report.clock().detail();
		assertThat(file).startsWith("/upload/" + ServerCheck.CLOCK_FILE_PREFIX);
		assertThat(this.server.commands()).contains("STOR " + file, "MDTM " + file, "DELE " + file);
		assertThat(this.server.file(file)).isNull();
	}

	@Test
	void aRefusedLoginIsReportedWithTheServersReply() {
		this.server.reply("PASS", "530 Login incorrect.");
		ServerReport report = report(this.server.port(), null);
		assertThat(report.status()).isEqualTo("down");
		assertThat(report.failure().reason()).isEqualTo("login_refused");
		assertThat(report.failure().ftpCode()).isEqualTo(530);
		assertThat(report.failure().ftpReply()).contains("Login incorrect.");
		assertThat(report.failure().detail()).contains("user@" + this.server.host());
		assertThat(report.welcome()).isNull();
		assertThat(report.pool()).isNotNull();
	}

	@Test
	void aServerWhereNothingListensIsReportedDownQuickly() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		int port = closedPort;
		ServerReport report = assertTimeoutPreemptively(BOUND, () -> report(port, null));
		assertThat(report.status()).isEqualTo("down");
		assertThat(report.failure().reason()).isEqualTo("connection_refused");
		assertThat(report.failure().ftpCode()).isNull();
	}

	@Test
	void theListTellsStatusFromThePoolWithoutContactingTheServer() {
		ServerReports reports = reports(this.server.port(), null);
		assertThat(reports.list()).singleElement().satisfies((summary) -> {
			assertThat(summary.status()).isEqualTo("unknown");
			assertThat(summary.tls()).isEqualTo("none");
			assertThat(summary.isDefault()).isTrue();
		});
		assertThat(this.server.connectionCount()).isZero();
		this.server.reply("PASS", "530 Login incorrect.");
		reports.check("fake");
		assertThat(reports.list().get(0).status()).isEqualTo("down");
		assertThat(reports.list().get(0).reason()).contains("530 Login incorrect.");
	}

	@Test
	void callersAskingWhileACheckRunsShareItsReport() throws Exception {
		this.server.stall("SYST", Duration.ofMillis(500));
		ServerReports reports = reports(this.server.port(), null);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<ServerReport> first = threads.submit(() -> reports.check("fake").orElseThrow());
			await().atMost(BOUND).until(() -> this.server.commands().contains("SYST"));
			Future<ServerReport> second = threads.submit(() -> reports.check("fake").orElseThrow());
			assertThat(second.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(first.get(BOUND.toSeconds(), TimeUnit.SECONDS));
			assertThat(this.server.connectionCount()).isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void anUnknownNameHasNoReport() {
		assertThat(reports(this.server.port(), null).check("other")).isEmpty();
	}

	private ServerReport report(int port, String reportFolder) {
		return report(port, reportFolder, true);
	}

	private ServerReport report(int port, String reportFolder, boolean useMlsdExplicit) {
		return reports(port, reportFolder, useMlsdExplicit).check("fake").orElseThrow();
	}

	private ServerReports reports(int port, String reportFolder) {
		return reports(port, reportFolder, true);
	}

	private ServerReports reports(int port, String reportFolder, boolean useMlsdExplicit) {
		this.pool = new FtpSessionPool(
				new ConnectionSettings(ScriptedFtpServer.HOST, port, "user", "pw", true, StandardCharsets.UTF_8, SECOND,
						SECOND, SECOND, TlsSettings.NONE, Duration.ZERO, true, false, useMlsdExplicit),
				new PoolSettings(1, 0, 1, SECOND, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		return new ServerReports(
				List.of(new ReportedServer("fake", "ftp-gateway.servers.fake", true, this.pool, reportFolder)),
				this.transfers);
	}

}
