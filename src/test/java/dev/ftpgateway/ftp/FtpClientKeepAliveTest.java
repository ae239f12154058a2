package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control connection keep-alive during stream transfers, against the scripted fake server. An
 * interval of one nanosecond makes every read or write send a NOOP, so no test waits for a clock.
 */
class FtpClientKeepAliveTest {

	private static final Duration EVERY_READ = Duration.ofNanos(1);

	private static final byte[] CONTENT = new byte[200_000];

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	FtpClientKeepAliveTest() throws IOException {
		this.server.putFile("/f.bin", CONTENT);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void noopsAnsweredDuringTheTransferAreReadBeforeTheFinalReply() throws IOException {
		// The data pauses while the server's control thread is free, so it answers the first NOOPs before its 226.
		this.server.stallDataAfter(1000, Duration.ofMillis(300));
		try (FtpClient ftp = loggedIn()) {
			assertThat(download(ftp)).isEqualTo(CONTENT.length);
			assertThat(ftp.pwd()).isEqualTo("/");
		}
		assertThat(commandsAfterRetr()).contains("NOOP").endsWith("PWD");
	}

	@Test
	void noopsAnsweredOnlyAfterTheTransferAreReadAfterTheFinalReply() throws IOException {
		// vsftpd and MINA FtpServer read the control connection only once the transfer is over.
		this.server.stall("NOOP", Duration.ofMillis(300));
		try (FtpClient ftp = loggedIn()) {
			assertThat(download(ftp)).isEqualTo(CONTENT.length);
			assertThat(ftp.pwd()).isEqualTo("/");
		}
		assertThat(commandsAfterRetr()).contains("NOOP").endsWith("PWD");
	}

	@Test
	void uploadWithKeepAliveEndsInStep() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			try (TransferOutputStream out = ftp.store("/up.bin", false)) {
				for (int i = 0; i < 20; i++) {
					out.write(new byte[10_000]);
				}
			}
			assertThat(ftp.pwd()).isEqualTo("/");
		}
		assertThat(this.server.file("/up.bin")).hasSize(200_000);
		assertThat(this.server.commands()).contains("NOOP");
	}

	@Test
	void abortingAfterKeepAliveNoopsLeavesTheSessionInStep() throws IOException {
		this.server.stallDataAfter(1000, Duration.ofMillis(300));
		try (FtpClient ftp = loggedIn()) {
			try (TransferInputStream in = ftp.retrieve("/f.bin", 0)) {
				assertThat(in.readNBytes(1000)).hasSize(1000);
			}
			assertThat(ftp.isBroken()).isFalse();
			assertThat(ftp.pwd()).isEqualTo("/");
		}
	}

	@Test
	void withoutTheSettingNoNoopIsSent() throws IOException {
		try (FtpClient ftp = loggedIn()) {
			ftp.settings().setControlKeepAlive(Duration.ZERO);
			assertThat(download(ftp)).isEqualTo(CONTENT.length);
		}
		assertThat(this.server.commands()).doesNotContain("NOOP");
	}

	private static long download(FtpClient ftp) throws IOException {
		long total = 0;
		try (InputStream in = ftp.retrieve("/f.bin", 0)) {
			byte[] buffer = new byte[4096];
			int n;
			while ((n = in.read(buffer)) != -1) {
				total += n;
			}
		}
		return total;
	}

	private List<String> commandsAfterRetr() {
		List<String> commands = this.server.commands();
		return commands.subList(commands.indexOf("RETR /f.bin") + 1, commands.size());
	}

	private FtpClient loggedIn() throws IOException {
		FtpClient ftp = new FtpClient();
		ftp.settings().setReplyTimeout(Duration.ofSeconds(5));
		ftp.settings().setDataTimeout(Duration.ofSeconds(5));
		ftp.settings().setControlKeepAlive(EVERY_READ);
		ftp.connect(this.server.host(), this.server.port());
		ftp.login("user", "pw");
		return ftp;
	}

}
