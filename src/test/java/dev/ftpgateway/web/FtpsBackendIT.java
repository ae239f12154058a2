package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of an FTPS server (MINA with a test certificate for localhost, explicit
 * TLS): sessions secure the control connection before login and protect data connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.show-details=always", "server.address=127.0.0.1" })
class FtpsBackendIT {

	private static final Path TLS = Path.of("src/test/resources/tls");

	private static final Path HOME = createHome();

	private static final EmbeddedFtpServer SERVER = startServer();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void ftpsBackend(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", () -> "localhost");
		registry.add("ftp-gateway.server.port", SERVER::port);
		registry.add("ftp-gateway.server.user", () -> "u");
		registry.add("ftp-gateway.server.password", () -> "p");
		registry.add("ftp-gateway.server.tls.mode", () -> "explicit");
		registry.add("ftp-gateway.server.tls.ca-bundle", () -> TLS.resolve("ca.pem").toString());
	}

	@AfterAll
	static void stopServer() {
		SERVER.close();
	}

	@Test
	void filesGoUpAndComeBackThroughTls() throws Exception {
		HttpResponse<String> put = send(request("/files/secret.txt").PUT(HttpRequest.BodyPublishers.ofString("top secret")));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
		assertThat(Files.readString(HOME.resolve("secret.txt"))).isEqualTo("top secret");
		HttpResponse<String> get = send(request("/files/secret.txt").GET());
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo("top secret");
		HttpResponse<String> list = send(request("/files/").header("Accept", "text/plain").GET());
		assertThat(list.body()).contains("secret.txt");
	}

	@Test
	void healthShowsTheTlsModeAndProtocol() throws Exception {
		HttpResponse<String> health = send(request("/actuator/health/readiness").GET());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"tls\":\"explicit\"").containsPattern("\"tlsProtocol\":\"TLSv1\\.[23]\"");
	}

	@Test
	void poolMetricsAreTaggedWithTheTlsMode() throws Exception {
		HttpResponse<String> metrics = send(request("/actuator/prometheus").GET());
		assertThat(metrics.body()).contains("ftp_pool_max{server=\"default\",tls=\"explicit\"}");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path createHome() {
		try {
			return Files.createTempDirectory("ftps-backend");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static EmbeddedFtpServer startServer() {
		SslConfigurationFactory tls = new SslConfigurationFactory();
		tls.setKeystoreFile(TLS.resolve("server.p12").toFile());
		tls.setKeystorePassword("changeit");
		tls.setKeystoreType("PKCS12");
		return new EmbeddedFtpServer(HOME, "u", "p").listenOn("127.0.0.1", 0)
			.secureWith(tls.createSslConfiguration(), false)
			.start();
	}

}
