package dev.ftpgateway.web;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moves 1 GiB up and down through the gateway and checks the hash both ways. Meant for a JVM
 * with {@code -Xmx64m}, which proves neither direction holds a file in memory; skipped unless
 * {@code -Dftpgateway.large=true}.
 */
@EnabledIfSystemProperty(named = "ftpgateway.large", matches = "true")
class LargeTransferIT extends GatewayTestSupport {

	private static final long SIZE = 1024L * 1024 * 1024;

	@Test
	void oneGibibyteGoesUpAndComesBackIntact() throws Exception {
		MessageDigest sent = MessageDigest.getInstance("SHA-256");
		HttpResponse<String> upload = send(request(this.base + "/large.bin").PUT(HttpRequest.BodyPublishers
			.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
					() -> new DigestInputStream(new SeededBytes(SIZE, 20240506L), sent)), SIZE)));
		assertStatus(upload, 201);
		assertThat(Files.size(this.folder.resolve("large.bin"))).isEqualTo(SIZE);

		MessageDigest received = MessageDigest.getInstance("SHA-256");
		HttpResponse<InputStream> download = this.http.send(request(this.base + "/large.bin").build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertStatus(download, 200);
		long count;
		try (InputStream body = new DigestInputStream(download.body(), received)) {
			count = body.transferTo(java.io.OutputStream.nullOutputStream());
		}
		assertThat(count).isEqualTo(SIZE);
		assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
		awaitNoActiveSessions();
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
