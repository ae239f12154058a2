package dev.ftpgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.ftpgateway.config.BackendServers;
import dev.ftpgateway.pool.FtpSessionPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the whole gateway on a random port in front of the embedded MINA server, whose folder is
 * one temporary folder for the test JVM; each test works in its own subfolder of it. Every
 * test class shares this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ftp-gateway.pool.max-total=3", "ftp-gateway.pool.max-wait=500ms" })
abstract class GatewayTestSupport {

	static final int MAX_SESSIONS = 3;

	static final Path SERVED = createServedFolder();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	FtpSessionPool pool;

	/** The pool of the only server, the unnamed one. */
	@Autowired
	void defaultPool(BackendServers servers) {
		this.pool = servers.get("default").pool();
	}

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** This test's own folder, below the served folder, named after the test method. */
	Path folder;

	/** The gateway path of {@link #folder}, e.g. {@code /files/downloadIT-rangesAnswer206}. */
	String base;

	@DynamicPropertySource
	static void servedFolder(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.embedded.folder", SERVED::toString);
	}

	@BeforeEach
	void createTestFolder(TestInfo test) throws IOException {
		String name = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
		this.folder = Files.createDirectories(SERVED.resolve(name));
		this.base = "/files/" + name;
	}

	URI uri(String rawPath) {
		return URI.create("http://127.0.0.1:" + this.port + rawPath);
	}

	HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(uri(rawPath)).timeout(TIMEOUT);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String rawPath) throws IOException, InterruptedException {
		return send(request(rawPath).GET());
	}

	HttpResponse<String> put(String rawPath, String body) throws IOException, InterruptedException {
		return send(request(rawPath).PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Checks the status, showing the body (a problem's detail) when it differs. */
	static void assertStatus(HttpResponse<?> response, int expected) {
		assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
			.isEqualTo(expected);
	}

	/** Waits, at most ten seconds, until every borrowed session is back in the pool. */
	void awaitNoActiveSessions() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.active() == 0);
	}

	/** The names in this test's folder, temporary upload files included. */
	Stream<String> namesInFolder() throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

	private static Path createServedFolder() {
		try {
			Path folder = Files.createTempDirectory("ftp-gateway-it");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(folder);
				}
				catch (IOException ex) {
					// Left behind in the system's temporary folder; nothing else to do at exit.
				}
			}));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
