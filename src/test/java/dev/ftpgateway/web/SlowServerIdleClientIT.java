package dev.ftpgateway.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ftpgateway.testing.ProxiedFtpServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client connection's idle timeout bounds a silent client, not a slow FTP server: while the
 * gateway waits on the server (here for a greeting that never comes, until the reply timeout)
 * the client's connection is idle for longer than its timeout and still gets the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "server.jetty.connection-idle-timeout=1s",
				"ftp-gateway.server.reply-timeout=3s" })
class SlowServerIdleClientIT {

	@RegisterExtension
	static final ProxiedFtpServerExtension backend = new ProxiedFtpServerExtension();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.server.port", backend::port);
		registry.add("ftp-gateway.server.user", () -> backend.ftp().user());
		registry.add("ftp-gateway.server.password", () -> backend.ftp().password());
	}

	@Test
	void aServerSlowerThanTheClientIdleTimeoutStillGetsItsAnswerToTheClient() throws Exception {
		backend.proxy().holdReplies();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/files/"))
			.timeout(Duration.ofSeconds(30))
			.build();
		long started = System.nanoTime();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(2));
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.body()).contains("\"status\":504");
	}

}
