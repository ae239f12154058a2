package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.embedded.EmbeddedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of done: 1 GiB uploaded with tus, cut off halfway through one gateway and
 * finished with tus-java-client through a second one, arrives byte-identical. At
 * {@code -Xmx64m} (both gateways in this JVM) it also proves neither holds the bytes. Skipped
 * unless {@code -Dftpgateway.large=true}.
 */
@EnabledIfSystemProperty(named = "ftpgateway.large", matches = "true")
class LargeTusIT extends GatewayTestSupport {

	private static final long SIZE = 1024L * 1024 * 1024;

	private static final long SEED = 20261206L;

	@Autowired
	EmbeddedFtpServer embedded;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void oneGibibyteCutOffHalfwayFinishesThroughAnotherGatewayIntact() throws Exception {
		String metadata = "path " + Base64.getEncoder()
			.encodeToString((this.base.substring(6) + "/large.bin").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> created = send(request("/uploads").header("Tus-Resumable", "1.0.0")
			.header("Upload-Length", Long.toString(SIZE))
			.header("Upload-Metadata", metadata)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertStatus(created, 201);
		String location = created.headers().firstValue("Location").orElseThrow();
		long half = SIZE / 2;
		cutOffAfter(location, half);
		awaitNoActiveSessions();

		try (ConfigurableApplicationContext second = secondGateway()) {
			int port = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			TusUpload upload = new TusUpload();
			upload.setSize(SIZE);
			upload.setFingerprint("large.bin");
			upload.setInputStream(new SeededBytes(SIZE, SEED));
			TusURLMemoryStore urls = new TusURLMemoryStore();
			urls.set(upload.getFingerprint(), URI.create("http://127.0.0.1:" + port + location).toURL());
			TusClient client = new TusClient();
			client.setUploadCreationURL(URI.create("http://127.0.0.1:" + port + "/uploads").toURL());
			client.enableResuming(urls);
			TusUploader uploader = client.resumeUpload(upload);
			assertThat(uploader.getOffset()).isEqualTo(half);
			uploader.setChunkSize(256 * 1024);
			// tus-java-client holds a request's payload to resend it: small enough for -Xmx64m.
			uploader.setRequestPayloadSize(4 * 1024 * 1024);
			while (uploader.uploadChunk() > -1) {
				// 4 MiB a PATCH.
			}
			uploader.finish();
		}
		assertThat(Files.size(this.folder.resolve("large.bin"))).isEqualTo(SIZE);
		assertThat(sha256(Files.newInputStream(this.folder.resolve("large.bin"))))
			.isEqualTo(sha256(new SeededBytes(SIZE, SEED)));
		assertThat(namesInFolder()).containsExactly("large.bin");
	}

	private static String sha256(InputStream bytes) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new DigestInputStream(bytes, digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Sends the first {@code sent} bytes of one PATCH promising the whole file, then ends the connection. */
	private void cutOffAfter(String location, long sent) throws IOException {
		String head = "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
				+ "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + SIZE
				+ "\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			InputStream body = new SeededBytes(sent, SEED);
			body.transferTo(out);
			out.flush();
			socket.shutdownOutput();
			socket.getInputStream().readAllBytes();
		}
	}

	private ConfigurableApplicationContext secondGateway() {
		return new SpringApplicationBuilder(FtpGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--ftp-gateway.server.host=" + this.embedded.host(),
				"--ftp-gateway.server.port=" + this.embedded.port(),
				"--ftp-gateway.server.user=" + this.embedded.user(),
				"--ftp-gateway.server.password=" + this.embedded.password(), "--ftp-gateway.pool.max-total=2");
	}

	/** A deterministic stream of pseudo-random bytes, generated as read, never held. */
	private static final class SeededBytes extends InputStream {

		private final SplittableRandom random;

		private long remaining;

		SeededBytes(long size, long seed) {
			this.remaining = size;
			this.random = new SplittableRandom(seed);
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.remaining == 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.remaining);
			for (int i = 0; i < count; i++) {
				buffer[offset + i] = (byte) this.random.nextInt(256);
			}
			this.remaining -= count;
			return count;
		}

	}

}
