package dev.ftpgateway.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that goes silent holds neither a thread nor an FTP session past the idle timeout. */
@TestPropertySource(properties = "server.jetty.connection-idle-timeout=1s")
class StalledClientIT extends GatewayTestSupport {

	@Test
	void aClientThatStopsSendingItsBodyIsDroppedAndLeavesNothingBehind() throws Exception {
		String head = "PUT " + this.base + "/stalled.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(new byte[10_000]);
			out.flush();
			long started = System.nanoTime();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).doesNotStartWith("HTTP/1.1 2");
			assertThat(System.nanoTime() - started).isLessThan(TIMEOUT.toNanos() / 2);
		}
		awaitNoActiveSessions();
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void aClientThatNeverFinishesItsHeadersIsDropped() throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.getOutputStream().write(("GET " + this.base + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			long started = System.nanoTime();
			socket.getInputStream().readAllBytes();
			assertThat(System.nanoTime() - started).isLessThan(TIMEOUT.toNanos() / 2);
		}
	}

}
