package dev.ftpgateway.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application on a random port over the embedded FTP server: probes and metrics. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FtpActuatorIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path data;

	@DynamicPropertySource
	static void embeddedFolder(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.embedded.folder", () -> data.resolve("data").toString());
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedFtpServer ftpServer;

	@Autowired
	AtomicInteger requestHandledEvents;

	@Test
	void readinessIsUpWithTheEmbeddedServer() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"ftp\"");
	}

	@Test
	void readinessIsDownWhileTheFtpServerIsAwayButLivenessIsNot() throws Exception {
		this.ftpServer.stop();
		try {
			assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
		finally {
			this.ftpServer.start();
		}
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void startupLogTellsANewcomerWhatToTry(CapturedOutput output) {
		assertThat(output).contains("No FTP backend configured: serving " + data.resolve("data"))
			.contains("Try: curl http://localhost:" + this.port + "/files/");
	}

	@Test
	void prometheusShowsThePoolGauges() throws Exception {
		get("/actuator/health/readiness");
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		String tags = "{server=\"default\",tls=\"none\"} ";
		assertThat(response.body()).contains("ftp_pool_active" + tags, "ftp_pool_idle" + tags,
				"ftp_pool_waiting" + tags, "ftp_pool_max" + tags + "8", "ftp_pool_opened_total" + tags,
				"ftp_pool_closed_total" + tags);
	}

	@Test
	void prometheusTimesFtpCommandsAndCountsTransferredBytes() throws Exception {
		get("/files/");
		put("/files/metrics.bin", "0123456789");
		get("/files/metrics.bin");
		String body = get("/actuator/prometheus").body();
		assertThat(body).contains("ftp_commands_seconds_count{command=\"NOOP\",reply=\"2xx\",server=\"default\"}",
				"ftp_commands_seconds_count{command=\"RETR\",reply=\"1xx\",server=\"default\"}")
			.containsPattern(
					"ftp_transfer_bytes_total\\{direction=\"download\",outcome=\"success\",server=\"default\"} [1-9]")
			.containsPattern(
					"ftp_transfer_bytes_total\\{direction=\"upload\",outcome=\"success\",server=\"default\"} [1-9]");
	}

	@Test
	void prometheusTimesRequestsWithoutSpringSecuritysOwnObservations() throws Exception {
		assertThat(get("/files/").statusCode()).isEqualTo(200);
		String body = get("/actuator/prometheus").body();
		assertThat(body).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*} [1-9]")
			.doesNotContain("spring_security_")
			.doesNotContain("http_server_requests_active");
	}

	@Test
	void requestsPublishNoRequestHandledEvents() throws Exception {
		assertThat(get("/files/").statusCode()).isEqualTo(200);
		assertThat(this.requestHandledEvents).hasValue(0);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT)
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RequestHandledEvents {

		@Bean
		AtomicInteger requestHandledEvents() {
			return new AtomicInteger();
		}

		@Bean
		ApplicationListener<ServletRequestHandledEvent> requestHandledEventCounter(AtomicInteger requestHandledEvents) {
			return (event) -> requestHandledEvents.incrementAndGet();
		}

	}

}
