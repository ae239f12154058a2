package dev.ftpgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ftpgateway.security.ApiKeyAuthenticationFilter;
import dev.ftpgateway.security.ApiKeyHash;
import dev.ftpgateway.testing.ScriptedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GETs of a cached file that join a check another GET is about to send wait for its answer
 * without holding a request thread, and get what they would on a thread of their own: the
 * confirmed copy with its headers, a problem for a failed precondition or a range past the end,
 * the new file when the check finds the copy stale; an API-key caller as any other, each request
 * logged once with its status and bytes. A GET that may be answered 304 keeps its thread. One
 * session, and a check that stalls on the wire, line the requests up: the first request's check is
 * on the wire, the second's waits for it, and the rest join the second's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.pool.max-total=1",
				"ftp-gateway.cache.max-file-size=" + SharedCheckWaitIT.MOST_CACHED + "B",
				// The long task timer counts the requests in flight, the ones waiting without a thread too.
				"management.metrics.observations.ignored-meters=" })
@ExtendWith(OutputCaptureExtension.class)
class SharedCheckWaitIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int JOINERS = 4;

	/** The largest file cached, in bytes: every file the tests cache is smaller. */
	static final int MOST_CACHED = 64;

	private static final String KEY = "shared-check-wait-key";

	private static final ScriptedFtpServer SERVER = server();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close));
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void serverAndKey(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.server.host", SERVER::host);
		registry.add("ftp-gateway.server.port", SERVER::port);
		registry.add("ftp-gateway.security.api-keys[0].name", () -> "reader");
		registry.add("ftp-gateway.security.api-keys[0].hash", () -> ApiKeyHash.of(KEY));
		registry.add("ftp-gateway.security.api-keys[0].scopes", () -> "read");
	}

	/** As vsftpd: no MLST, so every use of a cached copy is checked with SIZE and MDTM. */
	private static ScriptedFtpServer server() {
		try {
			return new ScriptedFtpServer().reply("FEAT", "211-Features:\n EPSV\n SIZE\n MDTM\n REST STREAM\n211 End");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void requestsThatJoinACheckHoldNoThreadAndGetTheConfirmedCopyFromOneMoreCheck(CapturedOutput output)
			throws Exception {
		cache("/plain.txt", "hello");
		int before = SERVER.commands().size();
		List<CompletableFuture<HttpResponse<String>>> all = lineUp("/plain.txt", plainGets("/plain.txt"), null);
		for (CompletableFuture<HttpResponse<String>> response : all) {
			HttpResponse<String> done = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
			assertThat(done.body()).isEqualTo("hello");
			assertThat(done.headers().firstValue("ETag")).isPresent();
			assertThat(done.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		}
		assertThat(checksAndTransfersSince(before)).as("the first request's check and the one the rest shared")
			.containsExactly("SIZE", "MDTM", "SIZE", "MDTM");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(count(output.getOut(), "GET /files/plain.txt 200 5 \\d+ms\\R"))
				.isEqualTo(1 + all.size()));
	}

	@Test
	void aRequestThatJoinsACheckWithAFailingPreconditionGets412(CapturedOutput output) throws Exception {
		cache("/precondition.txt", "kept");
		List<CompletableFuture<HttpResponse<String>>> all = lineUp("/precondition.txt", plainGetsAfter(
				get("/precondition.txt").header("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").build()), null);
		HttpResponse<String> conditional = all.get(2).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(conditional.statusCode()).as(conditional.body()).isEqualTo(412);
		assertThat(conditional.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> plain = all.get(3).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.body()).isEqualTo("kept");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(count(output.getOut(), "GET /files/precondition.txt 412 \\d+ \\d+ms\\R"))
				.isOne());
	}

	@Test
	void aRequestThatMayBeAnswered304WaitsOnItsThreadAndGetsTheHeadersItWouldAlone() throws Exception {
		String etag = cache("/etag.txt", "tagged").headers().firstValue("ETag").orElseThrow();
		CountDownLatch answer = new CountDownLatch(1);
		SERVER.stallUntil("SIZE", answer);
		CompletableFuture<HttpResponse<String>> first;
		CompletableFuture<HttpResponse<String>> conditional;
		try {
			long sizesBefore = sizesSent();
			first = send(get("/etag.txt").build());
			await().atMost(TIMEOUT).until(() -> sizesSent() > sizesBefore);
			send(get("/etag.txt").build());
			await().atMost(TIMEOUT).until(() -> SmallFileCacheTest.parkedInChecks() == 1);
			conditional = send(get("/etag.txt").header("If-None-Match", etag).build());
			await().atMost(TIMEOUT).until(() -> SmallFileCacheTest.parkedInChecks() == 2);
		}
		finally {
			answer.countDown();
		}
		HttpResponse<String> notModified = conditional.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
		assertThat(notModified.headers().firstValue("Cache-Control")).isEmpty();
		assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void requestsThatJoinACheckThatFindsTheCopyStaleLookTheFileUpAndGetTheNewOne() throws Exception {
		cache("/stale.txt", "old");
		// Too large to be cached: no request's look-up leaves a copy that a later check could confirm.
		String replaced = "new ".repeat(MOST_CACHED);
		int before = SERVER.commands().size();
		List<CompletableFuture<HttpResponse<String>>> all = lineUp("/stale.txt", plainGets("/stale.txt"),
				() -> SERVER.putFile("/stale.txt", replaced.getBytes(StandardCharsets.US_ASCII)));
		for (CompletableFuture<HttpResponse<String>> response : all) {
			HttpResponse<String> done = response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
			assertThat(done.body()).isEqualTo(replaced);
		}
		assertThat(checksAndTransfersSince(before)).as("transfers").filteredOn("RETR"::equals).hasSize(all.size());
	}

	@Test
	void aRequestThatJoinsACheckAndAsksForABadRangeGetsTheProblemItWouldAlone() throws Exception {
		cache("/range.txt", "ranged");
		List<CompletableFuture<HttpResponse<String>>> all = lineUp("/range.txt",
				plainGetsAfter(get("/range.txt").header("Range", "bytes=100-200").build()), null);
		HttpResponse<String> ranged = all.get(2).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(ranged.statusCode()).as(ranged.body()).isEqualTo(416);
		assertThat(ranged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes */6");
	}

	/** Downloads {@code path} once, after putting it on the server, so the gateway caches it. */
	private HttpResponse<String> cache(String path, String content) throws Exception {
		SERVER.putFile(path, content.getBytes(StandardCharsets.US_ASCII));
		HttpResponse<String> first = this.http.send(get(path).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		return first;
	}

	/**
	 * Lines up GETs of {@code path}: the first's check stalls on the wire, the second's waits for it,
	 * and {@code joiners} join the second's. Asserts that the joiners hold no request thread, runs
	 * {@code meanwhile}, then lets the stalled check answer.
	 * @return the responses to come, the first request's and the second's ahead of the joiners'
	 */
	private List<CompletableFuture<HttpResponse<String>>> lineUp(String path, List<HttpRequest> joiners,
			Runnable meanwhile) {
		CountDownLatch answer = new CountDownLatch(1);
		SERVER.stallUntil("SIZE", answer);
		try {
			long sizesBefore = sizesSent();
			List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
			all.add(send(get(path).build()));
			await().atMost(TIMEOUT).until(() -> sizesSent() > sizesBefore);
			all.add(send(get(path).build()));
			await().atMost(TIMEOUT).until(() -> SmallFileCacheTest.parkedInChecks() == 1);
			joiners.forEach((joiner) -> all.add(send(joiner)));
			await().atMost(TIMEOUT).until(() -> activeRequests() == all.size());
			assertThat(SmallFileCacheTest.parkedInChecks()).as("request threads waiting for a check").isOne();
			if (meanwhile != null) {
				meanwhile.run();
			}
			return all;
		}
		finally {
			answer.countDown();
		}
	}

	private List<HttpRequest> plainGets(String path) {
		List<HttpRequest> gets = new ArrayList<>();
		for (int i = 0; i < JOINERS; i++) {
			gets.add(get(path).build());
		}
		return gets;
	}

	/** {@code first}, then plain GETs of its path: {@value #JOINERS} joiners in all. */
	private List<HttpRequest> plainGetsAfter(HttpRequest first) {
		List<HttpRequest> joiners = new ArrayList<>(plainGets(first.uri().getPath().substring("/files".length())));
		joiners.set(0, first);
		return joiners;
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/files" + path))
			.header(ApiKeyAuthenticationFilter.HEADER, KEY)
			.timeout(TIMEOUT)
			.GET();
	}

	private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private long activeRequests() {
		return Search.in(this.meters).name("http.server.requests.active").longTaskTimers().stream()
			.mapToLong((timer) -> timer.activeTasks())
			.sum();
	}

	private static long sizesSent() {
		return SERVER.commands().stream().filter((command) -> command.startsWith("SIZE")).count();
	}

	private static List<String> checksAndTransfersSince(int from) {
		List<String> commands = SERVER.commands();
		return commands.subList(from, commands.size()).stream()
			.map((command) -> command.split(" ", 2)[0])
			.filter((verb) -> List.of("SIZE", "MDTM", "RETR").contains(verb))
			.toList();
	}

	private static int count(String text, String pattern) {
		Matcher matcher = Pattern.compile(pattern).matcher(text);
		int found = 0;
		while (matcher.find()) {
			found++;
		}
		return found;
	}

}
