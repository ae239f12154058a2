package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TransferFailureIT extends GatewayTestSupport {

	/** Large enough that socket buffers cannot absorb it, so an unread download keeps its session. */
	private static final long BIG = 64L * 1024 * 1024;

	private Path bigFile(String name) throws IOException {
		Path file = this.folder.resolve(name);
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.setLength(BIG);
		}
		return file;
	}

	private HttpResponse<InputStream> open(String rawPath) throws Exception {
		return this.http.send(request(rawPath).build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	@Test
	void clientDisconnectingMidDownloadAbortsTheTransferAndDestroysItsSession() throws Exception {
		bigFile("big.bin");
		long destroyed = this.pool.destroyed();
		HttpResponse<InputStream> response = open(this.base + "/big.bin");
		assertStatus(response, 200);
		try (InputStream body = response.body()) {
			assertThat(body.readNBytes(256 * 1024)).hasSize(256 * 1024);
		}
		awaitNoActiveSessions();
		// After ABOR servers disagree on the replies that follow: the session is not reused.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pool.destroyed() > destroyed);
		assertStatus(get(this.base + "/"), 200);
	}

	@Test
	void exhaustedPoolIs503WithRetryAfter() throws Exception {
		bigFile("big.bin");
		List<InputStream> held = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_SESSIONS; i++) {
				HttpResponse<InputStream> response = open(this.base + "/big.bin");
				assertStatus(response, 200);
				held.add(response.body());
			}
			HttpResponse<String> refused = get(this.base + "/");
			assertStatus(refused, 503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		finally {
			for (InputStream body : held) {
				body.close();
			}
		}
		awaitNoActiveSessions();
	}

	@Test
	void fileShrinkingMidDownloadLeavesTheClientAnIncompleteBody() throws Exception {
		Path file = bigFile("shrinking.bin");
		HttpResponse<InputStream> response = open(this.base + "/shrinking.bin");
		assertThat(response.headers().firstValue("Content-Length")).hasValue(Long.toString(BIG));
		try (InputStream body = response.body()) {
			body.readNBytes(1024 * 1024);
			try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
				raf.setLength(2 * 1024 * 1024);
			}
			assertThatThrownBy(() -> body.transferTo(OutputStreamDiscarder.INSTANCE)).isInstanceOf(IOException.class);
		}
		awaitNoActiveSessions();
	}

	/** Swallows bytes. */
	private static final class OutputStreamDiscarder extends java.io.OutputStream {

		static final OutputStreamDiscarder INSTANCE = new OutputStreamDiscarder();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
