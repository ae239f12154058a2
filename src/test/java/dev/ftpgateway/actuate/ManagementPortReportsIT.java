package dev.ftpgateway.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ftpgateway.security.ApiKeyHash;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With management.server.port set, the server reports are also {@code /actuator/servers} on
 * that port, which operators reach without credentials, metrics included; the application port
 * keeps asking for the admin scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "management.server.address=127.0.0.1" })
class ManagementPortReportsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int MANAGEMENT_PORT = freePort();

	@RegisterExtension
	static final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void managementPortAndAKey(DynamicPropertyRegistry registry) {
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
		registry.add("ftp-gateway.server.host", ftp::host);
		registry.add("ftp-gateway.server.port", ftp::port);
		registry.add("ftp-gateway.server.user", ftp::user);
		registry.add("ftp-gateway.server.password", ftp::password);
		registry.add("ftp-gateway.security.api-keys[0].name", () -> "reader");
		registry.add("ftp-gateway.security.api-keys[0].hash", () -> ApiKeyHash.of("reader-key-0123456789"));
		registry.add("ftp-gateway.security.api-keys[0].scopes", () -> "read");
	}

	@Test
	void theManagementPortAnswersTheReportsWithoutCredentials() throws Exception {
		HttpResponse<String> list = get(MANAGEMENT_PORT, "/actuator/servers");
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		JsonNode servers = JsonMapper.builder().build().readTree(list.body()).path("servers");
		assertThat(servers.get(0).path("name").asString()).isEqualTo("default");
		HttpResponse<String> report = get(MANAGEMENT_PORT, "/actuator/servers/default");
		assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(report.body()).path("status").asString()).isEqualTo("up");
		assertThat(get(MANAGEMENT_PORT, "/actuator/servers/gamma").statusCode()).isEqualTo(404);
		assertThat(get(MANAGEMENT_PORT, "/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	@Test
	void theApplicationPortStillWantsTheAdminScope() throws Exception {
		assertThat(get(this.port, "/servers").statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/servers/default").statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/actuator/servers").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
