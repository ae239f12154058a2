package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.web.transfer.TransferFailures;

import static dev.ftpgateway.web.OnlyServer.onlyServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Uploads the server refuses at the end (disk full), against the scripted fake server. */
class UploadFaultTest {

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FtpSessionPool pool;

	private final UploadService uploads;

	UploadFaultTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.uploads = new UploadService(onlyServer(new FileServer(this.pool, "/")), FilesSettings.defaults(),
				new TransferFailures(this.registry), OnlyServer.transfers());
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "552 Exceeded storage allocation", "452 Insufficient storage space" })
	void diskFullAfterTheDataFailsTheUploadAndRemovesTheTemporaryFile(String reply) {
		// The scripted server has no MLST handler: say the target does not exist yet.
		this.server.reply("MLST", "550 No such file").replyAfterTransfer(reply);
		MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/files/a.bin");
		request.setContent(new byte[100_000]);
		assertThatExceptionOfType(FtpException.class)
			.isThrownBy(() -> this.uploads.put(RemotePath.ofDecoded("/a.bin"), request, new MockHttpServletResponse(),
					false, false))
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(Integer.parseInt(reply.substring(0, 3))));
		String temporary = this.server.commands()
			.stream()
			.filter((command) -> command.startsWith("STOR "))
			.findFirst()
			.orElseThrow()
			.substring(5);
		assertThat(this.server.commands()).contains("DELE " + temporary);
		assertThat(this.server.file(temporary)).isNull();
		assertThat(this.server.file("/a.bin")).isNull();
		assertThat(this.registry.get("ftp.gateway.transfer.failures").tags("direction", "upload", "cause", "reply")
			.counter()
			.count()).isOne();
	}

}
