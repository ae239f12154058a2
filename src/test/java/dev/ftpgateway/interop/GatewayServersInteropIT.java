package dev.ftpgateway.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.listing.FtpEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One gateway in front of two lab servers at once, the first two of {@code interop.servers}, each
 * a named server: both served side by side and at the same time, and a name in another charset
 * (a Latin-1 {@code café.txt} written through a UTF-8 server setting) stored, listed, read,
 * moved and deleted by its escape on each. Runs with {@code -Pinterop}, like
 * {@link ServersInteropIT}, and writes only below {@code scratch/}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GatewayServersInteropIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	/** {@code café.txt} with its é as the escape of the Latin-1 byte 0xE9, percent-encoded as UTF-8. */
	private static final String ESCAPED_CAFE = "caf%EE%BF%A9.txt";

	/**
	 * pyftpdlib decodes every path as UTF-8 and replaces what does not decode, so it stores
	 * {@code caf\uFFFD.txt} whatever the client sends: no name of another charset survives there.
	 */
	private static final String REPLACES_UNDECODABLE_NAMES = "pyftpdlib";

	private static List<ServersInteropIT.Server> servers;

	private static ConfigurableApplicationContext gateway;

	private static int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startTheGatewayInFrontOfTwoServers() {
		assumeTrue(ServersInteropIT.servers().count() >= 2,
				"interop.servers names fewer than two servers: run .ci/interop, or -Dinterop.servers=a=host:port,b=host:port");
		servers = ServersInteropIT.servers().limit(2).toList();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		for (ServersInteropIT.Server server : servers) {
			String prefix = "ftp-gateway.servers." + server.name() + ".";
			properties.put(prefix + "host", server.host());
			properties.put(prefix + "port", Integer.toString(server.port()));
			properties.put(prefix + "user", user());
			properties.put(prefix + "password", password());
			properties.put(prefix + "pool.max-total", "4");
		}
		properties.put("ftp-gateway.default-server", servers.get(0).name());
		SpringApplication application = new SpringApplication(FtpGatewayApplication.class);
		application.setDefaultProperties(properties);
		gateway = application.run();
		port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stopTheGateway() {
		if (gateway != null) {
			gateway.close();
		}
	}

	static Stream<ServersInteropIT.Server> twoServers() {
		return ServersInteropIT.servers().limit(2);
	}

	@Test
	void bothServersAreServedSideBySideAndAtTheSameTime() throws Exception {
		Map<String, String> sums = checksums();
		List<CompletableFuture<HttpResponse<byte[]>>> downloads = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			for (ServersInteropIT.Server server : servers) {
				String file = String.format("small/f%04d.bin", round + 1);
				paths.add(file);
				downloads.add(this.http.sendAsync(request("/servers/" + server.name() + "/files/" + file).GET().build(),
						HttpResponse.BodyHandlers.ofByteArray()));
			}
		}
		for (int i = 0; i < downloads.size(); i++) {
			HttpResponse<byte[]> response = downloads.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
			assertThat(sha256(response.body())).as(response.uri().toString()).isEqualTo(sums.get(paths.get(i)));
		}
		for (ServersInteropIT.Server server : servers) {
			HttpResponse<String> listing = send(request("/servers/" + server.name() + "/files/tree/").GET());
			assertThat(listing.statusCode()).as(server.name()).isEqualTo(200);
			assertThat(listing.body()).contains("\"name\":\"d1_1\"", "\"name\":\"file1.txt\"");
		}
		assertThat(send(request("/files/tree/file1.txt").GET()).statusCode()).as("the default server").isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("twoServers")
	void aLatin1NameIsReachedByItsEscape(ServersInteropIT.Server server) throws Exception {
		assumeTrue(!server.name().startsWith(REPLACES_UNDECODABLE_NAMES), server.name() + " keeps no undecodable name");
		String folder = "scratch/gateway-" + server.name() + "-" + RUN_ID;
		String base = "/servers/" + server.name() + "/files/" + folder;
		try {
			HttpResponse<String> created = send(request(base + "/" + ESCAPED_CAFE + "?mkdirs=true")
				.PUT(HttpRequest.BodyPublishers.ofString("latin")));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			assertThat(namesAsLatin1(server, folder)).as("the name's bytes on the server").containsExactly("café.txt");
			assertThat(send(request(base + "/").GET()).body()).contains("\"name\":\"caf\uEFE9.txt\"");
			HttpResponse<String> read = send(request(base + "/" + ESCAPED_CAFE).GET());
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.body()).isEqualTo("latin");
			HttpResponse<String> moved = send(request(base + "/" + ESCAPED_CAFE + "?moveTo=/" + folder + "/caf%EE%BF%A8.txt")
				.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
			assertThat(namesAsLatin1(server, folder)).containsExactly("cafè.txt");
			assertThat(send(request(base + "/caf%EE%BF%A8.txt").DELETE()).statusCode()).isEqualTo(204);
			assertThat(namesAsLatin1(server, folder)).isEmpty();
		}
		finally {
			send(request(base + "?recursive=true").DELETE());
		}
	}

	/** The names in {@code folder} as a client reading the server as ISO-8859-1 sees them: one char per byte. */
	private static List<String> namesAsLatin1(ServersInteropIT.Server server, String folder) throws IOException {
		try (FtpClient client = new FtpClient()) {
			client.settings().setCharset(StandardCharsets.ISO_8859_1);
			client.settings().setReplyTimeout(TIMEOUT);
			client.settings().setDataTimeout(TIMEOUT);
			client.connect(server.host(), server.port());
			client.login(user(), password());
			return client.list(folder).stream().map(FtpEntry::name).toList();
		}
	}

	private static Map<String, String> checksums() throws IOException {
		String data = System.getProperty("interop.data");
		assumeTrue(data != null && Files.isReadable(Path.of(data, "SHA256SUMS")), "interop.data names no SHA256SUMS");
		Map<String, String> sums = new HashMap<>();
		for (String line : Files.readAllLines(Path.of(data, "SHA256SUMS"), StandardCharsets.UTF_8)) {
			if (line.length() > 66) {
				sums.put(line.substring(66), line.substring(0, 64));
			}
		}
		return sums;
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private static String user() {
		return System.getProperty("interop.user", "labuser");
	}

	private static String password() {
		return System.getProperty("interop.password", "labpass");
	}

	private HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath)).timeout(TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
