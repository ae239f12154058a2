package dev.ftpgateway.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.files.FileOperationException;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.PartialUpload;
import dev.ftpgateway.files.PartialUploads;
import dev.ftpgateway.files.Precondition;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.UploadBody;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resumable uploads against the lab's real servers: tus-java-client finishes, through a second
 * gateway, an upload cut off halfway through the first; and an expired upload's hidden files are
 * found and removed, lazily and by the sweep (whose {@code LIST -a} shows them on vsftpd, and whose
 * fallback does on pyftpdlib, which refuses the option). Same properties as {@link ServersInteropIT};
 * everything is written below {@code scratch/} and deleted afterwards.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TusInteropIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path local;

	@BeforeAll
	static void requireServers() {
		assumeTrue(System.getProperty("interop.servers") != null,
				"interop.servers not set: run .ci/interop, or ./mvnw verify -Pinterop -Dinterop.servers=...");
	}

	static Stream<ServersInteropIT.Server> servers() {
		return ServersInteropIT.servers();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void anUploadCutOffThroughOneGatewayFinishesThroughAnother(ServersInteropIT.Server server) throws Exception {
		byte[] content = new byte[3 * 1024 * 1024];
		new Random(17).nextBytes(content);
		Path file = Files.write(this.local.resolve("resumed.bin"), content);
		String folder = "/scratch/tus-" + RUN_ID + "-" + server.name();
		try (ConfigurableApplicationContext first = gateway(server);
				ConfigurableApplicationContext second = gateway(server)) {
			int firstPort = port(first);
			int secondPort = port(second);
			assertThat(send(firstPort, "/files" + folder + "/", "PUT").statusCode()).isEqualTo(201);
			String metadata = "path " + Base64.getEncoder()
				.encodeToString((folder + "/resumed.bin").getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> created = this.http.send(request(firstPort, "/uploads")
				.header("Tus-Resumable", "1.0.0")
				.header("Upload-Length", Integer.toString(content.length))
				.header("Upload-Metadata", metadata)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String location = created.headers().firstValue("Location").orElseThrow();
			int sent = 1024 * 1024;
			cutOffPatch(firstPort, location, content, sent);

			TusUpload upload = new TusUpload(file.toFile());
			TusURLMemoryStore urls = new TusURLMemoryStore();
			urls.set(upload.getFingerprint(), URI.create("http://127.0.0.1:" + secondPort + location).toURL());
			TusClient client = new TusClient();
			client.setUploadCreationURL(URI.create("http://127.0.0.1:" + secondPort + "/uploads").toURL());
			client.enableResuming(urls);
			TusUploader uploader = client.resumeUpload(upload);
			// What reached the server stays; servers may keep it all or less, never more.
			assertThat(uploader.getOffset()).isBetween(1L, (long) sent);
			uploader.setRequestPayloadSize(512 * 1024);
			while (uploader.uploadChunk() > -1) {
				// 512 KiB a PATCH.
			}
			uploader.finish();
			HttpRequest download = request(secondPort, "/files" + folder + "/resumed.bin").build();
			HttpResponse<byte[]> stored = this.http.send(download, HttpResponse.BodyHandlers.ofByteArray());
			assertThat(stored.statusCode()).isEqualTo(200);
			assertThat(Arrays.mismatch(stored.body(), content)).as("first differing byte").isEqualTo(-1);
			assertThat(send(secondPort, "/files" + folder + "?recursive=true", "DELETE").statusCode())
				.as("nothing hidden is left in the way")
				.isEqualTo(204);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void expiredUploadsAreRemovedWhenTouchedAndByTheSweep(ServersInteropIT.Server server) throws Exception {
		Duration expiry = Duration.ofHours(1);
		try (FtpSessionPool pool = pool(server)) {
			FileServer files = new FileServer(pool, "/");
			RemotePath folder = RemotePath.ofDecoded("/scratch/tus-expiry-" + RUN_ID + "-" + server.name());
			files.tree().makeFolders(folder);
			PartialUploads uploads = files.partialUploads(expiry);
			Instant now = Instant.now();
			PartialUpload touched = uploads.create(folder.resolve("touched.bin"), 10, "", now);
			uploads.append(touched.id(), 0, bytes(4), List.of(), now);
			PartialUpload swept = uploads.create(folder.resolve("swept.bin"), 10, "", now);
			Instant later = now.plus(expiry).plus(Duration.ofMinutes(5));
			assertThatExceptionOfType(FileOperationException.class)
				.isThrownBy(() -> uploads.status(touched.id(), later))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.GONE));
			assertThat(uploads.sweep(later)).as("expired uploads the sweep found").isGreaterThanOrEqualTo(1);
			assertThatExceptionOfType(FileOperationException.class).isThrownBy(() -> uploads.status(swept.id(), now))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.NOT_FOUND));
			// The folder deletes without recursion only if no hidden file was left in it.
			files.tree().delete(folder, false, Precondition.NONE);
		}
	}

	private static UploadBody bytes(int count) {
		byte[] bytes = new byte[count];
		return (upload) -> {
			upload.write(bytes, 0, count);
			return count;
		};
	}

	private void cutOffPatch(int port, String location, byte[] content, int sent) throws IOException {
		String head = "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
				+ "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
				+ content.length + "\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(content, 0, sent);
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			in.readAllBytes();
		}
	}

	private HttpResponse<String> send(int port, String path, String method) throws IOException, InterruptedException {
		return this.http.send(request(port, path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
	}

	private static int port(ConfigurableApplicationContext gateway) {
		return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static ConfigurableApplicationContext gateway(ServersInteropIT.Server server) {
		return new SpringApplicationBuilder(FtpGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--ftp-gateway.server.host=" + server.host(),
				"--ftp-gateway.server.port=" + server.port(),
				"--ftp-gateway.server.user=" + System.getProperty("interop.user", "labuser"),
				"--ftp-gateway.server.password=" + System.getProperty("interop.password", "labpass"),
				"--ftp-gateway.pool.max-total=2");
	}

	private static FtpSessionPool pool(ServersInteropIT.Server server) {
		return new FtpSessionPool(
				new ConnectionSettings(server.host(), server.port(), System.getProperty("interop.user", "labuser"),
						System.getProperty("interop.password", "labpass"), true, StandardCharsets.UTF_8, TIMEOUT,
						TIMEOUT, TIMEOUT),
				new PoolSettings(2, 0, 2, TIMEOUT, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

}
