package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers in progress with two servers, alpha (the default) and beta: a slowly read download
 * and a slowly sent upload are listed at {@code /actuator/transfers} with growing byte counts
 * and cancelled there, leaving nothing half-written; every {@code ftp_*} metric names its server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.default-server=alpha" })
@ExtendWith(OutputCaptureExtension.class)
class RunningTransfersIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Several of the copier's largest buffers, so the list sees the count grow before the end. */
	private static final int LARGE = 24 * 1024 * 1024;

	private static final int CHUNK = 64 * 1024;

	/** Enough reads or writes of {@link #CHUNK} to move {@link #LARGE} twice over: every loop below ends. */
	private static final int MAX_CHUNKS = 2 * LARGE / CHUNK;

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)");

	@RegisterExtension
	static final EmbeddedFtpServerExtension alpha = new EmbeddedFtpServerExtension();

	@RegisterExtension
	static final EmbeddedFtpServerExtension beta = new EmbeddedFtpServerExtension().withUser("beta", "beta-secret");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void twoServers(DynamicPropertyRegistry registry) {
		NamedServersIT.server(registry, "alpha", alpha, "/");
		NamedServersIT.server(registry, "beta", beta, "/");
	}

	@Test
	void aSlowlyReadDownloadIsListedWithGrowingBytesAndCancellingItCutsTheResponse(CapturedOutput output)
			throws Exception {
		Files.write(alpha.home().resolve("large.bin"), new byte[LARGE]);
		try (Socket client = slowClient()) {
			send(client, "GET /files/large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: slow-download-1\r\n\r\n");
			InputStream in = client.getInputStream();
			String head = readHead(in);
			assertThat(head).startsWith("HTTP/1.1 200");
			long length = contentLength(head);
			List<Long> seen = new ArrayList<>();
			JsonNode listed = null;
			long received = 0;
			for (int i = 0; i < MAX_CHUNKS && seen.size() < 2; i++) {
				received += readSome(in);
				if (i % 8 == 0) {
					listed = transfer("/large.bin").orElse(null);
					if (listed != null && listed.path("bytes").asLong() > 0
							&& (seen.isEmpty() || listed.path("bytes").asLong() > seen.get(seen.size() - 1))) {
						seen.add(listed.path("bytes").asLong());
					}
				}
				Thread.sleep(1);
			}
			assertThat(seen).as("byte counts seen in the transfer list").hasSize(2);
			assertThat(listed.path("server").asString()).isEqualTo("alpha");
			assertThat(listed.path("direction").asString()).isEqualTo("download");
			assertThat(listed.path("expectedSize").asLong()).isEqualTo(LARGE);
			assertThat(listed.path("clientAddress").asString()).isEqualTo("127.0.0.1");
			assertThat(listed.path("requestId").asString()).isEqualTo("slow-download-1");
			assertThat(listed.path("started").asString()).isNotEmpty();
			assertThat(listed.has("rate") || listed.has("bytesPerSecond")).isTrue();
			// Bytes are counted while they flow, not when the transfer ends.
			assertThat(metric("ftp_gateway_transfer_bytes_total{direction=\"download\",server=\"alpha\"}"))
				.isPositive();
			assertThat(status(delete("/actuator/transfers/" + listed.path("id").asString()))).isEqualTo(204);
			received += readToEnd(in);
			assertThat(received).as("bytes the client got of %d", length).isLessThan(length);
		}
		await().atMost(TIMEOUT).until(() -> transfer("/large.bin").isEmpty());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut()).containsPattern("GET /files/large.bin 200 \\d+ \\d+ms cancelled"));
		assertThat(metric("ftp_gateway_transfers_seconds_count{direction=\"download\",outcome=\"cancelled\",server=\"alpha\"}"))
			.isEqualTo(1);
		assertThat(status(delete("/actuator/transfers/" + "no-such-transfer"))).isEqualTo(404);
	}

	@Test
	void aDownloadTheClientWalksAwayFromIsLoggedAsAbortedNot200(CapturedOutput output) throws Exception {
		Files.write(alpha.home().resolve("walked-away.bin"), new byte[LARGE]);
		try (Socket client = slowClient()) {
			send(client, "GET /files/walked-away.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			InputStream in = client.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 200");
			for (int i = 0; i < 4; i++) {
				readSome(in);
			}
			// A reset rather than a polite close, as a browser tab closed mid-download sends.
			client.setSoLinger(true, 0);
		}
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut()).containsPattern("GET /files/walked-away.bin 200 \\d+ \\d+ms aborted"));
		await().atMost(TIMEOUT).until(() -> transfer("/walked-away.bin").isEmpty());
		assertThat(metric("ftp_gateway_transfers_seconds_count{direction=\"download\",outcome=\"failed\",server=\"alpha\"}"))
			.isEqualTo(1);
	}

	@Test
	void aCancelledUploadStoresNothingNotEvenItsTemporaryFile() throws Exception {
		Path folder = Files.createDirectories(beta.home().resolve("cancelled-upload"));
		try (Socket client = slowClient()) {
			send(client, "PUT /servers/beta/files/cancelled-upload/large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Length: " + LARGE + "\r\nContent-Type: application/octet-stream\r\n\r\n");
			OutputStream out = client.getOutputStream();
			byte[] chunk = new byte[CHUNK];
			JsonNode listed = null;
			for (int i = 0; i < MAX_CHUNKS && listed == null; i++) {
				out.write(chunk);
				out.flush();
				Thread.sleep(5);
				listed = transfer("/cancelled-upload/large.bin").filter((t) -> t.path("bytes").asLong() > 0).orElse(null);
			}
			assertThat(listed).as("the upload in the transfer list").isNotNull();
			assertThat(listed.path("server").asString()).isEqualTo("beta");
			assertThat(listed.path("direction").asString()).isEqualTo("upload");
			assertThat(status(delete("/actuator/transfers/" + listed.path("id").asString()))).isEqualTo(204);
			String response = keepSendingUntilAnswered(client, chunk);
			assertThat(response).startsWith("HTTP/1.1 409");
			assertThat(response).contains("cancelled by an operator; nothing was stored");
		}
		await().atMost(TIMEOUT).untilAsserted(() -> {
			try (var names = Files.list(folder)) {
				assertThat(names).isEmpty();
			}
		});
		await().atMost(TIMEOUT).until(() -> transfer("/cancelled-upload/large.bin").isEmpty());
		assertThat(metric("ftp_gateway_transfers_seconds_count{direction=\"upload\",outcome=\"cancelled\",server=\"beta\"}"))
			.isEqualTo(1);
	}

	@Test
	void everyFtpMetricNamesItsServerAndLatenciesHaveBuckets() throws Exception {
		Files.writeString(alpha.home().resolve("tagged.txt"), "alpha");
		Files.writeString(beta.home().resolve("tagged.txt"), "beta");
		assertThat(get("/servers/alpha/files/tagged.txt").body()).isEqualTo("alpha");
		assertThat(get("/servers/beta/files/tagged.txt").body()).isEqualTo("beta");
		String metrics = get("/actuator/prometheus").body();
		for (String server : new String[] { "alpha", "beta" }) {
			assertThat(metrics).contains(
					"ftp_commands_seconds_count{command=\"RETR\",reply=\"1xx\",server=\"" + server + "\"}",
					"ftp_transfer_bytes_total{direction=\"download\",outcome=\"success\",server=\"" + server + "\"}",
					"ftp_gateway_transfer_bytes_total{direction=\"download\",server=\"" + server + "\"}",
					"ftp_gateway_transfers_started_total{direction=\"download\",server=\"" + server + "\"}",
					"ftp_gateway_transfers_seconds_bucket{direction=\"download\",outcome=\"completed\",server=\""
							+ server + "\",le=\"1.0\"}",
					"ftp_commands_seconds_bucket{command=\"RETR\",reply=\"1xx\",server=\"" + server + "\",le=\"0.1\"}");
		}
		assertThat(metrics.lines().filter((line) -> line.startsWith("ftp_")))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("server=\""));
		// Latency buckets for a p99 of requests (README, "Metrics to alert on").
		assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"[^\"]*files[^\"]*\",le=\"0.1\"}");
	}

	@Test
	void tusPatchesAndFolderArchivesAreTransfersToo() throws Exception {
		Files.createDirectories(alpha.home().resolve("archived"));
		Files.writeString(alpha.home().resolve("archived/a.txt"), "archived");
		double archivesBefore = metric(
				"ftp_gateway_transfers_seconds_count{direction=\"download\",outcome=\"completed\",server=\"alpha\"}");
		HttpResponse<String> archive = get("/files/archived/?archive=tar");
		assertThat(archive.statusCode()).isEqualTo(200);
		assertThat(metric("ftp_gateway_transfers_seconds_count{direction=\"download\",outcome=\"completed\",server=\"alpha\"}"))
			.isEqualTo(archivesBefore + 1);
		String metadata = "path " + Base64.getEncoder().encodeToString("/resumed.txt".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/uploads"))
			.timeout(TIMEOUT)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Length", "5")
			.header("Upload-Metadata", metadata)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> patched = send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + created.headers().firstValue("Location").orElseThrow()))
			.timeout(TIMEOUT)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("tus!!")));
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
		assertThat(alpha.home().resolve("resumed.txt")).hasContent("tus!!");
		assertThat(metric("ftp_gateway_transfer_bytes_total{direction=\"upload\",server=\"alpha\"}")).isGreaterThanOrEqualTo(5);
		assertThat(metric("ftp_gateway_transfers_seconds_count{direction=\"upload\",outcome=\"completed\",server=\"alpha\"}"))
			.isPositive();
	}

	private Socket slowClient() throws IOException {
		Socket socket = new Socket();
		// A small window, so the gateway's writes wait for this client's reads.
		socket.setReceiveBufferSize(CHUNK);
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5_000);
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		return socket;
	}

	private static void send(Socket socket, String head) throws IOException {
		socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		for (int i = 0; i < 16 * 1024 && head.indexOf("\r\n\r\n") < 0; i++) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

	private static long contentLength(String head) {
		Matcher matcher = CONTENT_LENGTH.matcher(head);
		assertThat(matcher.find()).as(head).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static int readSome(InputStream in) throws IOException {
		int read = in.read(new byte[CHUNK]);
		return Math.max(read, 0);
	}

	/** Reads until the gateway closes the connection (or resets it), bounded by twice the file. */
	private static long readToEnd(InputStream in) {
		long received = 0;
		byte[] buffer = new byte[CHUNK];
		try {
			for (int i = 0; i < MAX_CHUNKS; i++) {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				received += read;
			}
		}
		catch (IOException ex) {
			// A reset is as good an end as a close.
		}
		return received;
	}

	/** Sends the rest of the body until the gateway answers and closes, bounded by the body's length. */
	private static String keepSendingUntilAnswered(Socket socket, byte[] chunk) throws IOException {
		try {
			for (int i = 0; i < LARGE / chunk.length && socket.getInputStream().available() == 0; i++) {
				socket.getOutputStream().write(chunk);
				Thread.sleep(1);
			}
		}
		catch (IOException ex) {
			// The gateway may stop reading and close once it has answered.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return readHead(socket.getInputStream()) + bodyAfterHead(socket.getInputStream());
	}

	private static String bodyAfterHead(InputStream in) {
		try {
			return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private Optional<JsonNode> transfer(String path) {
		HttpResponse<String> list = get("/actuator/transfers");
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		for (JsonNode transfer : this.json.readTree(list.body()).path("transfers")) {
			if (transfer.path("path").asString().equals(path)) {
				return Optional.of(transfer);
			}
		}
		return Optional.empty();
	}

	private double metric(String series) {
		return get("/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1)))
			.findFirst()
			.orElse(0);
	}

	private HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT));
	}

	private HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT).DELETE());
	}

	private static int status(HttpResponse<String> response) {
		return response.statusCode();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
