package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own FTP credentials are wrong: that is the gateway's fault, not the caller's,
 * so the answer is 502 with the server's 530 in the problem, never 401 or 404. The login is not
 * tried again on every request: servers with fail2ban or lockout policies would lock the account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ExtendWith(OutputCaptureExtension.class)
class BackendLoginRefusedIT {

	private static final String STARTUP_CHECK = "FTP backend check at start-up";

	private static final AtomicInteger LOGINS = new AtomicInteger();

	private static final EmbeddedFtpServer SERVER = startServer();

	/**
	 * The start-up check's log line. It is logged once, while the first test runs, and what one
	 * test captured is not always visible to the next (not once another class's context has
	 * started in this JVM), so it is kept here.
	 */
	private static String startupCheck;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void backendWithWrongPassword(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", SERVER::host);
		registry.add("ftp-gateway.server.port", SERVER::port);
		registry.add("ftp-gateway.server.user", () -> "u");
		registry.add("ftp-gateway.server.password", () -> "not-the-password");
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	/** The start-up check makes the first login attempt; a request racing it could make a second. */
	@BeforeEach
	void awaitTheStartupCheck(CapturedOutput output) {
		if (startupCheck == null) {
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains(STARTUP_CHECK));
			List<String> lines = output.getAll().lines().filter((line) -> line.contains(STARTUP_CHECK)).toList();
			assertThat(lines).hasSize(1);
			startupCheck = lines.get(0);
		}
	}

	@Test
	void refusedGatewayLoginIsABadGatewayProblemCarryingThe530() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/files/");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"ftpCode\":530").doesNotContain("not-the-password");
	}

	@Test
	void startupLogsTheRefusedLoginOnceWithTheLikelyFix() {
		assertThat(startupCheck).contains("WARN")
			.contains("refused the gateway's login as u@127.0.0.1:" + SERVER.port() + " (530 ")
			.contains("[u@127.0.0.1:" + SERVER.port() + ", TLS none]")
			.contains("Likely fix: check ftp-gateway.server.user and ftp-gateway.server.password")
			.doesNotContain("not-the-password");
	}

	@Test
	void requestsAfterARefusedLoginAreAnsweredAtOnceWithoutLoggingInAgain() throws IOException, InterruptedException {
		int logins = LOGINS.get();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = get("/files/");
			assertThat(response.statusCode()).isEqualTo(502);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(response.body()).contains("\"ftpCode\":530")
				.contains("refused the gateway's login as u@127.0.0.1:" + SERVER.port())
				.contains("next login attempt in")
				.doesNotContain("not-the-password");
		}
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(LOGINS).as("no login after the first").hasValue(logins);
		assertThat(logins).isOne();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static EmbeddedFtpServer startServer() {
		try {
			return new EmbeddedFtpServer(Files.createTempDirectory("login-refused"), "u", "p").listenOn("127.0.0.1", 0)
				.addFtplet("logins", new DefaultFtplet() {

					@Override
					public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
						if ("PASS".equals(request.getCommand())) {
							LOGINS.incrementAndGet();
						}
						return FtpletResult.DEFAULT;
					}

				})
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
