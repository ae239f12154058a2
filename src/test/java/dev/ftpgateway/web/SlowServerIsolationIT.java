package dev.ftpgateway.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.config.BackendServers;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import dev.ftpgateway.testing.ProxiedFtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that stops answering (a fault proxy holding its replies) ties up its own sessions and
 * the requests waiting for them, and nothing else: requests to another server, which share the
 * callers, the threads and the readiness probe with them, are served meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.servers.slow.pool.max-total=2",
				"ftp-gateway.servers.slow.pool.min-idle=2", "ftp-gateway.servers.slow.pool.eviction-interval=100ms",
				"ftp-gateway.servers.slow.pool.max-wait=30s", "ftp-gateway.servers.slow.reply-timeout=30s",
				"ftp-gateway.servers.fast.pool.max-total=2" })
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowServerIsolationIT {

	private static final Duration BOUND = Duration.ofSeconds(30);

	/** Two requests hold the slow server's sessions, two more wait for them. */
	private static final int SLOW_REQUESTS = 4;

	@RegisterExtension
	static final ProxiedFtpServerExtension slow = new ProxiedFtpServerExtension();

	@RegisterExtension
	static final EmbeddedFtpServerExtension fast = new EmbeddedFtpServerExtension();

	@LocalServerPort
	int port;

	@Autowired
	BackendServers servers;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void slowAndFast(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.servers.slow.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.servers.slow.port", slow::port);
		registry.add("ftp-gateway.servers.slow.user", () -> slow.ftp().user());
		registry.add("ftp-gateway.servers.slow.password", () -> slow.ftp().password());
		NamedServersIT.server(registry, "fast", fast, "/");
	}

	@AfterEach
	void resume() {
		slow.proxy().resume();
	}

	@Test
	void aServerThatStopsAnsweringDoesNotHoldUpRequestsToAnother() throws Exception {
		Files.writeString(slow.ftp().home().resolve("slow.txt"), "slow");
		Files.writeString(fast.home().resolve("fast.txt"), "fast");
		assertThat(get("/servers/slow/files/slow.txt").body()).isEqualTo("slow");
		FtpSessionPool slowPool = this.servers.get("slow").pool();
		// Both sessions logged in before the server stops answering, so both requests get one.
		await().atMost(BOUND).until(() -> slowPool.idle() == 2);
		slow.proxy().holdReplies();
		List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
		for (int i = 0; i < SLOW_REQUESTS; i++) {
			held.add(this.http.sendAsync(request("/servers/slow/files/slow.txt").build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(BOUND).until(() -> slowPool.active() == 2);
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = get("/servers/fast/files/fast.txt");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("fast");
		}
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(held).as("the slow server's requests are all still waiting").noneMatch(CompletableFuture::isDone);
		slow.proxy().resume();
		for (CompletableFuture<HttpResponse<String>> request : held) {
			HttpResponse<String> response = request.get(BOUND.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	private HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath)).timeout(BOUND);
	}

	private HttpResponse<String> get(String rawPath) throws Exception {
		return this.http.send(request(rawPath).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
