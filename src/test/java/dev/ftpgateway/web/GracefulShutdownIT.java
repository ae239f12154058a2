package dev.ftpgateway.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.testing.ScriptedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the gateway while a download runs, in front of the scripted fake server. */
class GracefulShutdownIT {

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void shutdownLetsAnInFlightDownloadFinishThenQuitsTheSessions() throws Exception {
		byte[] content = new byte[1024 * 1024];
		new Random(7).nextBytes(content);
		try (ScriptedFtpServer server = new ScriptedFtpServer()) {
			server.putFile("/f.bin", content)
				.reply("MLST", "250-Listing /f.bin\n type=file;size=" + content.length + ";modify="
						+ ScriptedFtpServer.MODIFIED + "; /f.bin\n250 End");
			// The download is still running when shutdown starts.
			server.stallDataAfter(64 * 1024, Duration.ofSeconds(2));
			ConfigurableApplicationContext context = new SpringApplicationBuilder(FtpGatewayApplication.class).run(
					"--server.port=0", "--server.address=127.0.0.1", "--ftp-gateway.server.host=127.0.0.1",
					"--ftp-gateway.server.port=" + server.port(), "--ftp-gateway.server.user=user",
					"--ftp-gateway.server.password=pw", "--ftp-gateway.pool.max-total=1",
					"--spring.lifecycle.timeout-per-shutdown-phase=20s");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			CompletableFuture<HttpResponse<byte[]>> download = HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files/f.bin"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			await().atMost(Duration.ofSeconds(10)).until(() -> server.commands().contains("RETR /f.bin"));
			context.close();
			HttpResponse<byte[]> response = download.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(content);
			assertThat(server.commands()).endsWith("QUIT");
		}
	}

}
