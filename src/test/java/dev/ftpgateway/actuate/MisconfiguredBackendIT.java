package dev.ftpgateway.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application pointed at a port where no FTP server listens, as after a typo in the
 * port: one clear line at start-up with the likely fix, a problem that names the address, and a
 * health reason for those allowed to see details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.security.anonymous.enabled=true" })
@ExtendWith(OutputCaptureExtension.class)
class MisconfiguredBackendIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int CLOSED_PORT = closedPort();

	private static final String REFUSED = "Could not connect to the FTP server at 127.0.0.1:" + CLOSED_PORT
			+ " (connection refused)";

	private static final String STARTUP_CHECK = "FTP backend check at start-up";

	/**
	 * The start-up check's log lines. It logs once, while the first test runs, and what one test
	 * captured is not always visible to the next (not once another class's context has started in
	 * this JVM), so they are kept here.
	 */
	private static List<String> startupCheck;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void backendWhereNothingListens(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.server.port", () -> CLOSED_PORT);
		registry.add("ftp-gateway.server.user", () -> "gateway");
		registry.add("ftp-gateway.server.password", () -> "gateway-secret");
	}

	@BeforeEach
	void awaitTheStartupCheck(CapturedOutput output) {
		if (startupCheck == null) {
			await().atMost(TIMEOUT).until(() -> output.getAll().contains(STARTUP_CHECK));
			startupCheck = output.getAll().lines().filter((line) -> line.contains(STARTUP_CHECK)).toList();
		}
	}

	@Test
	void startupLogsOneLineWithWhatWhereAndTheLikelyFix() {
		assertThat(startupCheck).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains(REFUSED)
				.contains("[gateway@127.0.0.1:" + CLOSED_PORT + ", TLS none]")
				.contains("Likely fix: check ftp-gateway.server.host and ftp-gateway.server.port")
				.doesNotContain("gateway-secret"));
	}

	@Test
	void requestsGetAProblemNamingTheAddress() {
		HttpResponse<String> response = get(this.port, "/files/");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"detail\":\"" + REFUSED + "\"");
	}

	@Test
	void healthWithoutDetailsShowsTheStatusButNotTheBackend(CapturedOutput output) {
		for (int probe = 0; probe < 3; probe++) {
			HttpResponse<String> response = get(this.port, "/actuator/health/readiness");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("\"ftp\":{\"status\":\"DOWN\"}")
				.doesNotContain("reason")
				.doesNotContain("127.0.0.1");
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("FTP backend is down")))
			.as("one line, not one per probe")
			.singleElement()
			.satisfies((line) -> assertThat(line).endsWith(REFUSED));
		assertThat(output.getAll()).as("no stack trace").doesNotContain("\tat ");
	}

	/** Where /actuator is not public, details show the reason. */
	@Nested
	@TestPropertySource(properties = "management.endpoint.health.show-details=always")
	class WithHealthDetails {

		@LocalServerPort
		int port;

		@Test
		void healthSaysWhyTheBackendIsDown() {
			HttpResponse<String> response = get(this.port, "/actuator/health/readiness");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("\"reason\":\"" + REFUSED + "\"")
				.doesNotContain("gateway-secret");
		}

	}

	private static HttpResponse<String> get(int port, String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A loopback port that was free a moment ago and that nothing listens on now. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
