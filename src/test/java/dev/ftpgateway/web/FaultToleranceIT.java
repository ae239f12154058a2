package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ftpgateway.config.BackendServers;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.testing.ProxiedFtpServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of a fault proxy in front of the embedded MINA server
 * ({@link ProxiedFtpServerExtension}): server restarts, drops, stalls, connection limits and
 * client aborts, each injected while requests run. Timeouts are a few seconds, so a stall ends
 * quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.pool.max-total=8", "ftp-gateway.pool.max-wait=1s",
				"ftp-gateway.pool.validate-after-idle=1h", "ftp-gateway.pool.limit-backoff=100ms",
				"ftp-gateway.server.connect-timeout=3s", "ftp-gateway.server.reply-timeout=3s",
				"ftp-gateway.server.data-timeout=3s" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultToleranceIT {

	private static final int MIB = 1024 * 1024;

	private static final Duration BOUND = Duration.ofSeconds(20);

	@RegisterExtension
	static final ProxiedFtpServerExtension backend = new ProxiedFtpServerExtension();

	@LocalServerPort
	int port;

	FtpSessionPool pool;

	/** The pool of the only server, the unnamed one. */
	@Autowired
	void defaultPool(BackendServers servers) {
		this.pool = servers.get("default").pool();
	}

	@Autowired
	MeterRegistry registry;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Path folder;

	private String base;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.server.port", backend::port);
		registry.add("ftp-gateway.server.user", () -> backend.ftp().user());
		registry.add("ftp-gateway.server.password", () -> backend.ftp().password());
	}

	@BeforeEach
	void createFolder(TestInfo test) throws IOException {
		String name = test.getTestMethod().orElseThrow().getName();
		this.folder = Files.createDirectories(backend.ftp().home().resolve(name));
		this.base = "/files/" + name;
	}

	@AfterEach
	void healProxy() {
		backend.proxy().resume();
		backend.proxy().refuseSessions(null);
		awaitNoActiveSessions();
	}

	@Test
	void serverRestartBetweenRequestsIsInvisibleToClients() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "abc");
		assertStatus(get(this.base + "/"), 200);
		backend.ftp().server().stop();
		backend.ftp().server().start();
		HttpResponse<String> response = get(this.base + "/a.txt");
		assertStatus(response, 200);
		assertThat(response.body()).isEqualTo("abc");
	}

	@Test
	void idempotentRequestsOnADeadPooledSessionAreRetriedOnceOnANewSession() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "abc");
		Files.writeString(this.folder.resolve("gone.txt"), "x");
		List<HttpRequest.Builder> requests = List.of(request(this.base + "/a.txt").GET(),
				request(this.base + "/a.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()),
				request(this.base + "/").GET(), request(this.base + "/gone.txt").DELETE());
		for (HttpRequest.Builder request : requests) {
			assertStatus(get(this.base + "/"), 200);
			// Every idle session dies at once, as with a server's idle timeout shorter than the pool's.
			backend.proxy().dropAll();
			HttpResponse<String> response = send(request);
			assertThat(response.statusCode()).as("%s after its session died", response.request().method())
				.isIn(200, 204);
		}
		assertThat(this.folder.resolve("gone.txt")).doesNotExist();
	}

	@Test
	void serverDroppingMidDownloadAbortsTheResponseAndCountsTheFailure() throws Exception {
		writeRandom("big.bin", 8 * MIB);
		double before = failures("download", "server");
		long destroyed = this.pool.destroyed();
		backend.proxy().dropDataAfter(MIB);
		HttpResponse<InputStream> response = open(this.base + "/big.bin");
		assertStatus(response, 200);
		try (InputStream body = response.body()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(body::readAllBytes);
		}
		awaitNoActiveSessions();
		assertThat(failures("download", "server")).isEqualTo(before + 1);
		assertThat(this.pool.destroyed()).isGreaterThan(destroyed);
	}

	@Test
	void serverDroppingMidUploadAnswersAnErrorAndLeavesNoFile() throws Exception {
		backend.proxy().dropDataAfter(64 * 1024);
		byte[] content = new byte[4 * MIB];
		new Random(1).nextBytes(content);
		HttpResponse<String> response = send(
				request(this.base + "/up.bin").PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
		assertThat(response.statusCode()).isEqualTo(502);
		awaitNoActiveSessions();
		await().atMost(BOUND).until(() -> names().isEmpty());
	}

	@Test
	void clientDisconnectingMidUploadAbortsTheStoreAndLeavesNothing() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + this.base + "/up.bin HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (64 * MIB)
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[2 * MIB]);
			out.flush();
			await().atMost(BOUND).until(() -> this.pool.active() == 1);
		}
		awaitNoActiveSessions();
		await().atMost(BOUND).until(() -> names().isEmpty());
		assertStatus(get(this.base + "/"), 200);
	}

	@Test
	void clientDisconnectingMidDownloadAbortsTheTransferAndFreesTheSession() throws Exception {
		writeRandom("big.bin", 64 * MIB);
		double before = failures("download", "client");
		HttpResponse<InputStream> response = open(this.base + "/big.bin");
		try (InputStream body = response.body()) {
			assertThat(body.readNBytes(MIB)).hasSize(MIB);
		}
		awaitNoActiveSessions();
		await().atMost(BOUND).until(() -> failures("download", "client") == before + 1);
		assertStatus(get(this.base + "/"), 200);
	}

	@Test
	void stalledServerAnswers504AndHoldsNoSession() throws Exception {
		this.pool.discardIdle();
		backend.proxy().holdReplies();
		long started = System.nanoTime();
		// The new session's greeting never comes: the reply timeout ends the wait.
		assertStatus(get(this.base + "/"), 504);
		assertStatus(get(this.base + "/"), 504);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		backend.proxy().resume();
		awaitNoActiveSessions();
		assertStatus(get(this.base + "/"), 200);
	}

	@Test
	void stalledDataConnectionEndsTheDownloadWithinTheDataTimeout() throws Exception {
		writeRandom("big.bin", 8 * MIB);
		double before = failures("download", "timeout");
		backend.proxy().stallDataAfter(MIB);
		HttpResponse<InputStream> response = open(this.base + "/big.bin");
		try (InputStream body = response.body()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(body::readAllBytes);
		}
		awaitNoActiveSessions();
		assertThat(failures("download", "timeout")).isEqualTo(before + 1);
	}

	@Test
	void tooManyConnectionsAnswers503WithRetryAfterAndThePoolRecovers() throws Exception {
		this.pool.discardIdle();
		backend.proxy().refuseSessions("421 Too many connections (8) from this IP");
		HttpResponse<String> refused = get(this.base + "/");
		assertStatus(refused, 503);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.pool.maxTotal()).isOne();
		backend.proxy().refuseSessions(null);
		await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertStatus(get(this.base + "/"), 200);
			return this.pool.maxTotal() == 8;
		});
	}

	@Test
	void burstOfTwoHundredRequestsOnEightSessionsEndsIn200sOrClean503s() throws Exception {
		byte[] content = writeRandom("small.bin", 256 * 1024);
		List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			responses.add(this.http.sendAsync(request(this.base + "/small.bin").GET().build(),
					HttpResponse.BodyHandlers.ofByteArray()));
		}
		int ok = 0;
		for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
			HttpResponse<byte[]> response = future.get(60, TimeUnit.SECONDS);
			if (response.statusCode() == 200) {
				assertThat(Arrays.equals(response.body(), content)).isTrue();
				ok++;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
			}
		}
		assertThat(ok).isPositive();
		awaitNoActiveSessions();
		assertThat(this.pool.active() + this.pool.idle()).isLessThanOrEqualTo(8);
	}

	private double failures(String direction, String cause) {
		var counter = this.registry.find("ftp.gateway.transfer.failures")
			.tags("direction", direction, "cause", cause)
			.counter();
		return (counter == null) ? 0 : counter.count();
	}

	private byte[] writeRandom(String name, int size) throws IOException {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		Files.write(this.folder.resolve(name), content);
		return content;
	}

	private List<String> names() throws IOException {
		try (var files = Files.list(this.folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private void awaitNoActiveSessions() {
		await().atMost(BOUND).until(() -> this.pool.active() == 0);
	}

	private HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + rawPath))
			.timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String rawPath) throws IOException, InterruptedException {
		return send(request(rawPath).GET());
	}

	private HttpResponse<InputStream> open(String rawPath) throws IOException, InterruptedException {
		return this.http.send(request(rawPath).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	private static void assertStatus(HttpResponse<?> response, int expected) {
		assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
			.isEqualTo(expected);
	}

}
