package dev.ftpgateway.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

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
 * The server reports over HTTP, in front of two embedded MINA servers, alpha (the default, with a
 * report folder) and beta, and dead, an address where nothing listens; with API keys holding the
 * admin scope on every server, on beta only, and none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.default-server=alpha" })
class ServerReportsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String ADMIN_KEY = "admin-key-0123456789";

	private static final String BETA_ADMIN_KEY = "beta-admin-key-0123456789";

	private static final String READER_KEY = "reader-key-0123456789";

	@RegisterExtension
	static final EmbeddedFtpServerExtension alpha = new EmbeddedFtpServerExtension();

	@RegisterExtension
	static final EmbeddedFtpServerExtension beta = new EmbeddedFtpServerExtension();

	private static final int CLOSED_PORT = closedPort();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void threeServersAndKeys(DynamicPropertyRegistry registry) {
		NamedServersIT.server(registry, "alpha", alpha, "/");
		registry.add("ftp-gateway.servers.alpha.report-folder", () -> "/reports");
		NamedServersIT.server(registry, "beta", beta, "/");
		registry.add("ftp-gateway.servers.dead.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.servers.dead.port", () -> CLOSED_PORT);
		registry.add("ftp-gateway.servers.dead.connect-timeout", () -> "2s");
		apiKey(registry, 0, "admin", ADMIN_KEY, "read,admin", "");
		apiKey(registry, 1, "beta-admin", BETA_ADMIN_KEY, "admin", "beta");
		apiKey(registry, 2, "reader", READER_KEY, "read", "");
	}

	private static void apiKey(DynamicPropertyRegistry registry, int index, String name, String key, String scopes,
			String servers) {
		String prefix = "ftp-gateway.security.api-keys[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "hash", () -> ApiKeyHash.of(key));
		registry.add(prefix + "scopes", () -> scopes);
		if (!servers.isEmpty()) {
			registry.add(prefix + "servers", () -> servers);
		}
	}

	@Test
	void theListNamesEveryServerWithItsSettingsAndStatus() throws Exception {
		HttpResponse<String> response = get("/servers", ADMIN_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		JsonNode servers = this.json.readTree(response.body()).path("servers");
		assertThat(servers).hasSize(3);
		JsonNode first = servers.get(0);
		assertThat(first.path("name").asString()).isEqualTo("alpha");
		assertThat(first.path("host").asString()).isEqualTo(alpha.host());
		assertThat(first.path("port").asInt()).isEqualTo(alpha.port());
		assertThat(first.path("tls").asString()).isEqualTo("none");
		assertThat(first.path("isDefault").asBoolean()).isTrue();
		assertThat(first.path("status").asString()).isIn("up", "unknown");
		assertThat(servers.get(1).path("isDefault").asBoolean()).isFalse();
		assertThat(servers.get(2).path("name").asString()).isEqualTo("dead");
		assertThat(servers.get(2).path("status").asString()).isIn("down", "unknown");
		get("/servers/dead", ADMIN_KEY);
		JsonNode dead = this.json.readTree(get("/servers", ADMIN_KEY).body()).path("servers").get(2);
		assertThat(dead.path("status").asString()).isEqualTo("down");
		assertThat(dead.path("reason").asString()).contains("127.0.0.1:" + CLOSED_PORT);
	}

	@Test
	void aReportOfAnEmbeddedServerSaysWhatItIsAndCanDo() throws Exception {
		Files.createDirectories(alpha.home().resolve("reports"));
		HttpResponse<String> response = get("/servers/alpha", ADMIN_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode report = this.json.readTree(response.body());
		assertThat(report.path("status").asString()).as(response.body()).isEqualTo("up");
		assertThat(report.path("failure").isNull()).isTrue();
		assertThat(report.path("software").asString()).isEqualTo("unknown");
		assertThat(report.path("welcome").asString()).startsWith("220 ");
		assertThat(report.path("system").asString()).startsWith("215");
		assertThat(report.path("features").toString()).contains("MLST", "SIZE", "MDTM");
		JsonNode capabilities = report.path("capabilities");
		assertThat(capabilities.path("mlsd").asBoolean()).isTrue();
		assertThat(capabilities.path("size").asBoolean()).isTrue();
		assertThat(capabilities.path("mdtm").asBoolean()).isTrue();
		assertThat(capabilities.path("restStream").asBoolean()).isTrue();
		// MINA answers MD5 (its own draft command), and announces no EPSV though it takes it.
		assertThat(capabilities.path("hashCommands").toString()).isEqualTo("[\"MD5\"]");
		assertThat(capabilities.path("epsv").asBoolean()).isFalse();
		assertThat(report.path("tlsSession").isNull()).isTrue();
		assertThat(report.path("loginMillis").isNumber()).isTrue();
		assertThat(report.path("noopMillis").isNumber()).isTrue();
		assertThat(report.path("clock").path("outcome").asString()).isEqualTo("measured");
		assertThat(Math.abs(report.path("clock").path("offsetSeconds").asLong())).isLessThanOrEqualTo(5);
		assertThat(report.path("dataConnection").path("works").asBoolean()).isTrue();
		assertThat(report.path("dataConnection").path("mode").asString()).isEqualTo("passive");
		assertThat(report.path("pool").path("maxTotal").asInt()).isEqualTo(8);
		try (Stream<Path> left = Files.list(alpha.home().resolve("reports"))) {
			assertThat(left).as("the clock check's file is removed").isEmpty();
		}
	}

	@Test
	void aServerWithoutReportFolderSkipsTheClock() throws Exception {
		JsonNode report = this.json.readTree(get("/servers/beta", ADMIN_KEY).body());
		assertThat(report.path("status").asString()).isEqualTo("up");
		assertThat(report.path("clock").path("outcome").asString()).isEqualTo("skipped");
	}

	@Test
	void aDeadServerIsReportedDownWithWhatFailed() throws Exception {
		HttpResponse<String> response = get("/servers/dead", ADMIN_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode report = this.json.readTree(response.body());
		assertThat(report.path("status").asString()).isEqualTo("down");
		assertThat(report.path("failure").path("reason").asString()).isEqualTo("connection_refused");
		assertThat(report.path("failure").path("detail").asString())
			.contains("Could not connect to the FTP server at 127.0.0.1:" + CLOSED_PORT);
		assertThat(report.path("welcome").isNull()).isTrue();
	}

	@Test
	void anUnknownServerIs404NamingTheServers() throws Exception {
		HttpResponse<String> response = get("/servers/gamma", ADMIN_KEY);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("No FTP server named 'gamma'", "\"servers\":[\"alpha\",\"beta\",\"dead\"]");
	}

	@Test
	void reportsNeedTheAdminScope() throws Exception {
		HttpResponse<String> reader = get("/servers/alpha", READER_KEY);
		assertThat(reader.statusCode()).isEqualTo(403);
		assertThat(reader.body()).contains("'admin' scope");
		assertThat(get("/servers", READER_KEY).statusCode()).isEqualTo(403);
		assertThat(get("/servers", null).statusCode()).isEqualTo(401);
		assertThat(get("/servers/alpha", null).statusCode()).isEqualTo(401);
	}

	@Test
	void anAdminOfOneServerGetsItsReportOnly() throws Exception {
		assertThat(get("/servers/beta", BETA_ADMIN_KEY).statusCode()).isEqualTo(200);
		HttpResponse<String> alphaReport = get("/servers/alpha", BETA_ADMIN_KEY);
		assertThat(alphaReport.statusCode()).isEqualTo(403);
		assertThat(alphaReport.body()).contains("on server 'alpha'");
		assertThat(get("/servers", BETA_ADMIN_KEY).statusCode()).isEqualTo(200);
	}

	@Test
	void theAdminScopeGrantsNoFiles() throws Exception {
		assertThat(get("/files/", BETA_ADMIN_KEY).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT);
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
