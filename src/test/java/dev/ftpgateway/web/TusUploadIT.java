package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.embedded.EmbeddedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumable uploads at /uploads with a real tus client (tus-java-client, which sends PATCH as a
 * POST with X-HTTP-Method-Override), and the protocol's corners with plain HTTP.
 */
class TusUploadIT extends GatewayTestSupport {

	@Autowired
	EmbeddedFtpServer embedded;

	@TempDir
	Path local;

	@Test
	void tusJavaClientUploadsAWholeFileInManyPatches() throws Exception {
		Path file = randomFile("whole.bin", 300_000, 1);
		TusClient client = client(this.port, new TusURLMemoryStore());
		TusUpload upload = new TusUpload(file.toFile());
		upload.setMetadata(Map.of("path", "/" + this.folder.getFileName() + "/whole.bin"));
		TusUploader uploader = client.resumeOrCreateUpload(upload);
		uploader.setChunkSize(16 * 1024);
		uploader.setRequestPayloadSize(64 * 1024);
		while (uploader.uploadChunk() > -1) {
			// Each 64 KiB is one PATCH.
		}
		uploader.finish();
		assertThat(this.folder.resolve("whole.bin")).hasSameBinaryContentAs(file);
		assertThat(namesInFolder()).containsExactly("whole.bin");
		awaitNoActiveSessions();
	}

	@Test
	void anUploadCutOffMidPatchResumesThroughASecondGateway() throws Exception {
		Path file = randomFile("resumed.bin", 500_000, 2);
		byte[] bytes = Files.readAllBytes(file);
		String location = create("filename " + base64("resumed.bin") + ",folder " + base64(this.base.substring(6)),
				bytes.length);
		int sent = 200_000;
		cutOffPatch(location, bytes, sent);
		awaitNoActiveSessions();
		try (ConfigurableApplicationContext second = secondGateway()) {
			int secondPort = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> head = send(request(location).method("HEAD", HttpRequest.BodyPublishers.noBody())
				.header("Tus-Resumable", "1.0.0")
				.uri(uri(secondPort, location)));
			assertStatus(head, 200);
			assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(sent));
			TusURLMemoryStore urls = new TusURLMemoryStore();
			TusUpload upload = new TusUpload(file.toFile());
			urls.set(upload.getFingerprint(), uri(secondPort, location).toURL());
			TusUploader uploader = client(secondPort, urls).resumeUpload(upload);
			assertThat(uploader.getOffset()).isEqualTo(sent);
			while (uploader.uploadChunk() > -1) {
				// The rest goes through the second gateway.
			}
			uploader.finish();
		}
		assertThat(this.folder.resolve("resumed.bin")).hasSameBinaryContentAs(file);
		assertThat(namesInFolder()).containsExactly("resumed.bin");
	}

	@Test
	void bytesThatArrivedBeforeTheBodyBrokeOffStayInTheUpload() throws Exception {
		byte[] bytes = new byte[100_000];
		new Random(3).nextBytes(bytes);
		String location = create("path " + base64(this.base.substring(6) + "/cut.bin"), bytes.length);
		cutOffPatch(location, bytes, 40_000);
		awaitNoActiveSessions();
		HttpResponse<String> head = send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.headers().firstValue("Upload-Offset")).hasValue("40000");
		assertThat(head.headers().firstValue("Upload-Length")).hasValue("100000");
	}

	@Test
	void aTerminatedUploadIsGoneWithItsBytes() throws Exception {
		String location = create("path " + base64(this.base.substring(6) + "/gone.bin"), 10);
		assertStatus(patch(location, 0, "abc".getBytes(StandardCharsets.US_ASCII), null), 204);
		// tus-java-client's way of sending DELETE: as a POST with the override header.
		HttpResponse<String> deleted = send(tus(location).header("X-HTTP-Method-Override", "DELETE")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertStatus(deleted, 204);
		assertThat(namesInFolder()).isEmpty();
		assertStatus(send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody())), 404);
		assertStatus(patch(location, 3, "def".getBytes(StandardCharsets.US_ASCII), null), 404);
	}

	@Test
	void aChunkWhoseChecksumDoesNotMatchIs460AndKeepsNothing() throws Exception {
		String location = create("path " + base64(this.base.substring(6) + "/checked.txt"), 6);
		assertStatus(patch(location, 0, "abc".getBytes(StandardCharsets.US_ASCII), "sha1 " + sha1("abc")), 204);
		HttpResponse<String> mismatch = patch(location, 3, "xyz".getBytes(StandardCharsets.US_ASCII),
				"sha256 " + sha256("def"));
		assertStatus(mismatch, 460);
		assertThat(mismatch.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
		assertThat(send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody())).headers()
			.firstValue("Upload-Offset")).hasValue("3");
		assertStatus(patch(location, 3, "def".getBytes(StandardCharsets.US_ASCII), "sha256 " + sha256("def")), 204);
		assertThat(Files.readString(this.folder.resolve("checked.txt"))).isEqualTo("abcdef");
		assertThat(namesInFolder()).containsExactly("checked.txt");
	}

	@Test
	void aPatchWhoseContentDigestDoesNotMatchIs400WithBothDigests() throws Exception {
		String location = create("path " + base64(this.base.substring(6) + "/digested.txt"), 3);
		HttpResponse<String> mismatch = send(tus(location).header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.header("Content-Digest", "sha-256=:" + sha256("abd") + ":")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("abc")));
		assertStatus(mismatch, 400);
		assertThat(mismatch.body()).contains("\"expected\":\"sha-256=:" + sha256("abd") + ":\"")
			.contains("\"actual\":\"sha-256=:" + sha256("abc") + ":\"");
		assertStatus(send(tus(location).header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.header("Content-Digest", "sha-256=:" + sha256("abc") + ":")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("abc"))), 204);
		assertThat(Files.readString(this.folder.resolve("digested.txt"))).isEqualTo("abc");
	}

	@Test
	void theProtocolsRulesAreKept() throws Exception {
		HttpResponse<String> options = send(request("/uploads").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertStatus(options, 204);
		assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
		assertThat(options.headers().firstValue("Tus-Extension"))
			.hasValue("creation,creation-with-upload,termination,expiration,checksum");
		assertThat(options.headers().firstValue("Tus-Checksum-Algorithm").orElseThrow()).contains("sha1", "sha256");
		HttpResponse<String> unversioned = send(request("/uploads").header("Upload-Length", "1")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertStatus(unversioned, 412);
		assertThat(unversioned.headers().firstValue("Tus-Version")).hasValue("1.0.0");
		String location = create("path " + base64(this.base.substring(6) + "/rules.txt"), 3);
		assertStatus(patch(location, 1, "b".getBytes(StandardCharsets.US_ASCII), null), 409);
		assertStatus(send(tus(location).header("Upload-Offset", "0").header("Content-Type", "text/plain")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("a"))), 415);
		assertStatus(patch(location, 0, "abcd".getBytes(StandardCharsets.US_ASCII), null), 413);
		assertStatus(send(tus("/uploads").header("Upload-Length", "1")
			.header("Upload-Metadata", "path " + base64("/../etc/passwd"))
			.POST(HttpRequest.BodyPublishers.noBody())), 400);
		assertStatus(send(tus("/uploads/0123456789abcdef0123456789abcdef." + "Ly4uL2V0Yw")
			.method("HEAD", HttpRequest.BodyPublishers.noBody())), 404);
	}

	@Test
	void creationWithUploadTakesTheFirstBytesInThePost() throws Exception {
		HttpResponse<String> created = send(tus("/uploads").header("Upload-Length", "5")
			.header("Upload-Metadata", "path " + base64(this.base.substring(6) + "/one.txt"))
			.header("Content-Type", "application/offset+octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("hello")));
		assertStatus(created, 201);
		assertThat(created.headers().firstValue("Upload-Offset")).hasValue("5");
		assertThat(created.headers().firstValue("Repr-Digest")).as("every byte came in this request")
			.hasValue("sha-256=:" + sha256("hello") + ":");
		assertThat(Files.readString(this.folder.resolve("one.txt"))).isEqualTo("hello");
	}

	@Test
	void aPutWithContentRangeIsRefusedAndPointsToUploads() throws Exception {
		HttpResponse<String> refused = send(request(this.base + "/part.bin").header("Content-Range", "bytes 0-1/4")
			.PUT(HttpRequest.BodyPublishers.ofString("ab")));
		assertStatus(refused, 400);
		assertThat(refused.body()).contains("/uploads");
		assertThat(namesInFolder()).isEmpty();
	}

	private String create(String metadata, long length) throws IOException, InterruptedException {
		HttpResponse<String> created = send(tus("/uploads").header("Upload-Length", Long.toString(length))
			.header("Upload-Metadata", metadata)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertStatus(created, 201);
		assertThat(created.headers().firstValue("Upload-Expires")).isPresent();
		return created.headers().firstValue("Location").orElseThrow();
	}

	private HttpResponse<String> patch(String location, long offset, byte[] body, String checksum)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = tus(location).header("Upload-Offset", Long.toString(offset))
			.header("Content-Type", "application/offset+octet-stream")
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
		if (checksum != null) {
			request.header("Upload-Checksum", checksum);
		}
		return send(request);
	}

	/** Sends the first {@code sent} bytes of a PATCH promising all of {@code bytes}, then ends the connection. */
	private void cutOffPatch(String location, byte[] bytes, int sent) throws IOException {
		String head = "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
				+ "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
				+ bytes.length + "\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(bytes, 0, sent);
			out.flush();
			socket.shutdownOutput();
			// The gateway answers (400, the body ended early) or closes: either way it saw the end.
			InputStream in = socket.getInputStream();
			in.readAllBytes();
		}
	}

	private HttpRequest.Builder tus(String rawPath) {
		return request(rawPath).header("Tus-Resumable", "1.0.0");
	}

	private ConfigurableApplicationContext secondGateway() {
		return new SpringApplicationBuilder(FtpGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--ftp-gateway.server.host=" + this.embedded.host(),
				"--ftp-gateway.server.port=" + this.embedded.port(),
				"--ftp-gateway.server.user=" + this.embedded.user(),
				"--ftp-gateway.server.password=" + this.embedded.password(), "--ftp-gateway.pool.max-total=2");
	}

	private static TusClient client(int port, TusURLMemoryStore urls) throws IOException {
		TusClient client = new TusClient();
		client.setUploadCreationURL(new URL("http://127.0.0.1:" + port + "/uploads"));
		client.enableResuming(urls);
		return client;
	}

	private static java.net.URI uri(int port, String rawPath) {
		return java.net.URI.create("http://127.0.0.1:" + port + rawPath);
	}

	private Path randomFile(String name, int size, long seed) throws IOException {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return Files.write(this.local.resolve(name), bytes);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha1(String text) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String sha256(String text) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
