package dev.ftpgateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
			ConfigurableApplicationContext context = startGateway(server);
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

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void shutdownLetsAClientThatPausesReadingFinishItsDownload() throws Exception {
		// More than the socket buffers between gateway and client hold, so the gateway's write
		// waits while the client pauses; Jetty's shutdown would give that write 1 s.
		byte[] content = new byte[24 * 1024 * 1024];
		new Random(11).nextBytes(content);
		try (ScriptedFtpServer server = new ScriptedFtpServer()) {
			server.putFile("/f.bin", content)
				.reply("MLST", "250-Listing /f.bin\n type=file;size=" + content.length + ";modify="
						+ ScriptedFtpServer.MODIFIED + "; /f.bin\n250 End");
			ConfigurableApplicationContext context = startGateway(server);
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			try (Socket client = new Socket()) {
				client.setReceiveBufferSize(16 * 1024);
				client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				client.setSoTimeout(30_000);
				client.getOutputStream()
					.write("GET /files/f.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.ISO_8859_1));
				InputStream in = client.getInputStream();
				byte[] head = in.readNBytes(1024);
				CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
				Thread.sleep(2500);
				byte[] rest = in.readAllBytes();
				shutdown.get(30, TimeUnit.SECONDS);
				byte[] body = body(head, rest);
				assertThat(body.length).as("body bytes").isEqualTo(content.length);
				assertThat(Arrays.mismatch(body, content)).as("first differing byte").isEqualTo(-1);
			}
		}
	}

	private static ConfigurableApplicationContext startGateway(ScriptedFtpServer server) {
		return new SpringApplicationBuilder(FtpGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--ftp-gateway.server.host=127.0.0.1",
				"--ftp-gateway.server.port=" + server.port(), "--ftp-gateway.server.user=user",
				"--ftp-gateway.server.password=pw", "--ftp-gateway.pool.max-total=1",
				"--spring.lifecycle.timeout-per-shutdown-phase=20s");
	}

	private static byte[] body(byte[] head, byte[] rest) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		response.write(head);
		response.write(rest);
		byte[] bytes = response.toByteArray();
		for (int i = 0; i + 3 < bytes.length; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
				return Arrays.copyOfRange(bytes, i + 4, bytes.length);
			}
		}
		throw new IOException("No end of headers in the response");
	}

}
