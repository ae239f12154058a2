package dev.ftpgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.management.ObjectName;

import dev.ftpgateway.config.BackendServers;
import jakarta.servlet.http.HttpServletRequest;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.Nested;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One gateway in front of two embedded MINA servers, alpha (the default) and beta (confined to
 * its {@code /pub} folder), and dead, an address where nothing listens: each route reaches its
 * own server with every operation {@code /files} has, and the dead one costs the others nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.default-server=alpha",
				"management.endpoint.health.show-details=always" })
class NamedServersIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final EmbeddedFtpServerExtension alpha = new EmbeddedFtpServerExtension();

	@RegisterExtension
	static final EmbeddedFtpServerExtension beta = new EmbeddedFtpServerExtension().withUser("beta", "beta-secret");

	private static final int CLOSED_PORT = closedPort();

	@LocalServerPort
	int port;

	@Autowired
	BackendServers servers;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void threeServers(DynamicPropertyRegistry registry) {
		server(registry, "alpha", alpha, "/");
		server(registry, "beta", beta, "/pub");
		registry.add("ftp-gateway.servers.dead.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.servers.dead.port", () -> CLOSED_PORT);
	}

	static void server(DynamicPropertyRegistry registry, String name, EmbeddedFtpServerExtension ftp, String root) {
		String prefix = "ftp-gateway.servers." + name + ".";
		registry.add(prefix + "host", ftp::host);
		registry.add(prefix + "port", ftp::port);
		registry.add(prefix + "user", ftp::user);
		registry.add(prefix + "password", ftp::password);
		registry.add(prefix + "root", () -> root);
	}

	@Test
	void eachRouteReachesItsOwnServerAndFilesTheDefaultOne() throws Exception {
		Files.writeString(alpha.home().resolve("where.txt"), "alpha");
		Files.createDirectories(beta.home().resolve("pub"));
		Files.writeString(beta.home().resolve("pub/where.txt"), "beta");
		assertBody(get("/servers/alpha/files/where.txt"), 200, "alpha");
		assertBody(get("/servers/beta/files/where.txt"), 200, "beta");
		assertBody(get("/files/where.txt"), 200, "alpha");
		assertThat(get("/servers/beta/files/").body()).contains("\"path\":\"/\"", "where.txt");
	}

	@Test
	void everyFilesOperationWorksBelowANamedServer() throws Exception {
		Path pub = Files.createDirectories(beta.home().resolve("pub/operations"));
		String base = "/servers/beta/files/operations";
		HttpResponse<String> folder = send(request(base + "/sub/").PUT(HttpRequest.BodyPublishers.noBody()));
		assertThat(folder.statusCode()).isEqualTo(201);
		assertThat(folder.headers().firstValue("Location")).hasValue(base + "/sub");
		HttpResponse<String> created = send(request(base + "/sub/a.txt").PUT(HttpRequest.BodyPublishers.ofString("0123456789")));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue(base + "/sub/a.txt");
		assertThat(pub.resolve("sub/a.txt")).hasContent("0123456789");
		HttpResponse<String> head = send(request(base + "/sub/a.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		String etag = head.headers().firstValue("ETag").orElseThrow();
		assertBody(send(request(base + "/sub/a.txt").header("Range", "bytes=2-4").GET()), 206, "234");
		assertThat(send(request(base + "/sub/a.txt").header("If-None-Match", etag).GET()).statusCode()).isEqualTo(304);
		assertThat(send(request(base + "/sub/a.txt").header("If-Match", "\"stale\"").DELETE()).statusCode()).isEqualTo(412);
		HttpResponse<String> moved = send(request(base + "/sub/a.txt?moveTo=/operations/b.txt")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
		assertThat(moved.headers().firstValue("Location")).hasValue(base + "/b.txt");
		assertThat(pub.resolve("b.txt")).hasContent("0123456789");
		assertThat(send(request(base + "/b.txt").DELETE()).statusCode()).isEqualTo(204);
		assertThat(send(request(base + "/sub?recursive=true").DELETE()).statusCode()).isEqualTo(204);
		assertThat(pub).isEmptyDirectory();
		assertThat(alpha.home().resolve("operations")).doesNotExist();
	}

	@Test
	void anUnknownServerIs404NamingTheServersThereAre() throws Exception {
		for (String path : new String[] { "/servers/gamma/files/x.txt", "/servers/Alpha/files/", "/servers/alp%68a/files/" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"servers\":[\"alpha\",\"beta\",\"dead\"]");
		}
		assertThat(send(request("/servers/gamma/files/x.txt").PUT(HttpRequest.BodyPublishers.ofString("x")))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void aDeadServerFailsItsOwnRequestsAndNoOneElses() throws Exception {
		HttpResponse<String> dead = get("/servers/dead/files/");
		assertThat(dead.statusCode()).isEqualTo(502);
		assertThat(dead.body()).contains("Could not connect to the FTP server at 127.0.0.1:" + CLOSED_PORT);
		Files.writeString(alpha.home().resolve("alive.txt"), "yes");
		assertBody(get("/servers/alpha/files/alive.txt"), 200, "yes");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"alpha\":\"UP\"", "\"dead\":\"DOWN\"");
		HttpResponse<String> deadHealth = get("/actuator/health/ftpServers/dead");
		assertThat(deadHealth.statusCode()).isEqualTo(503);
		assertThat(get("/actuator/health/ftpServers/beta").statusCode()).isEqualTo(200);
	}

	@Test
	void eachServerHasAPoolOfItsOwnWithItsOwnJmxName() throws Exception {
		assertThat(get("/servers/alpha/files/").statusCode()).isEqualTo(200);
		assertThat(get("/servers/beta/files/").statusCode()).isEqualTo(200);
		assertThat(this.servers.get("alpha").pool()).isNotSameAs(this.servers.get("beta").pool());
		assertThat(this.servers.get("alpha").pool().created()).isPositive();
		assertThat(this.servers.get("beta").pool().created()).isPositive();
		assertThat(this.servers.get("dead").pool().created()).isZero();
		for (String server : new String[] { "alpha", "beta", "dead" }) {
			ObjectName name = new ObjectName(
					"org.apache.commons.pool2:type=GenericObjectPool,name=ftp-session-pool-" + server + "*");
			assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(name, null)).as(server).isNotEmpty();
		}
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.body()).contains("ftp_pool_max{server=\"alpha\",tls=\"none\"} 8",
				"ftp_pool_max{server=\"beta\",tls=\"none\"} 8", "ftp_pool_max{server=\"dead\",tls=\"none\"} 8");
	}

	@Test
	void aHandlerAnotherControllerMapsBelowFilesAnswersBelowEveryServer() throws Exception {
		assertBody(get("/files/anything?probe"), 200, "probe of the default server");
		assertBody(get("/servers/beta/files/anything?probe"), 200, "probe of beta");
	}

	@Test
	void apiDocsDescribeTheNamedServersRoutesAndTheirServerParameter() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode route = JsonMapper.builder().build().readTree(docs.body()).path("paths").path("/servers/{server}/files/{path}");
		assertThat(route.has("get") && route.has("put") && route.has("delete") && route.has("post")).as(route.toString())
			.isTrue();
		assertThat(route.path("parameters")).singleElement().satisfies((parameter) -> {
			assertThat(parameter.path("name").asString()).isEqualTo("server");
			assertThat(parameter.path("in").asString()).isEqualTo("path");
			assertThat(parameter.path("required").asBoolean()).isTrue();
		});
	}

	/** A handler below /files that FilesController knows nothing of, as later features add them. */
	@TestConfiguration
	static class AnotherFilesHandler {

		@Bean
		ProbeController probeController() {
			return new ProbeController();
		}

	}

	@RestController
	static class ProbeController {

		@GetMapping(path = "/files/{*path}", params = "probe")
		String probe(HttpServletRequest request) {
			return "probe of " + FilesRoute.of(request).orElseThrow().server().orElse("the default server");
		}

	}

	/** Without ftp-gateway.default-server, /files names the servers to choose from. */
	@Nested
	@TestPropertySource(properties = "ftp-gateway.default-server=")
	class WithoutADefaultServer {

		@LocalServerPort
		int port;

		@Test
		void filesIs404NamingTheServers() throws Exception {
			HttpResponse<String> response = NamedServersIT.this.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/files/where.txt"))
				.timeout(TIMEOUT)
				.GET());
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).contains("No default FTP server", "\"servers\":[\"alpha\",\"beta\",\"dead\"]");
		}

		@Test
		void resumableUploadsAre404NamingTheServers() throws Exception {
			HttpResponse<String> response = NamedServersIT.this.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/uploads"))
				.timeout(TIMEOUT)
				.header("Tus-Resumable", "1.0.0")
				.header("Upload-Length", "3")
				.header("Upload-Metadata", "filename YS50eHQ=")
				.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
			assertThat(response.body()).contains("default FTP server", "\"servers\":[\"alpha\",\"beta\",\"dead\"]");
		}

	}

	private static void assertBody(HttpResponse<String> response, int status, String body) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).isEqualTo(body);
	}

	private HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath)).timeout(TIMEOUT);
	}

	private HttpResponse<String> get(String rawPath) throws IOException, InterruptedException {
		return send(request(rawPath).GET());
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
