package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests Jetty refuses itself, before any servlet filter runs: whatever their method they get
 * the same problem+json as every other error, with nothing of the request echoed, and one
 * access-log line each.
 */
@ExtendWith(OutputCaptureExtension.class)
class JettyRejectionsIT extends GatewayTestSupport {

	private static final Duration LOGGED = Duration.ofSeconds(10);

	private static final String NO_HEADER = "";

	/** How Jetty names a request whose request line it could not turn into a request. */
	private static final String UNREADABLE = "BAD /badMessage";

	static Stream<Arguments> rejections() {
		return Stream.of(
				rejection("PUT", "/files/%C3%28", NO_HEADER, 400, "PUT /files/%C3%28"),
				rejection("DELETE", "/files/%C3%28", NO_HEADER, 400, "DELETE /files/%C3%28"),
				rejection("DELETE", "/files/%C3%28?api_key=k1&x=1", NO_HEADER, 400,
						"DELETE /files/%C3%28?api_key=***&x=1"),
				// Jetty refuses a path climbing above the root while it parses the request line.
				rejection("PUT", "/files/../../etc/passwd", NO_HEADER, 400, UNREADABLE),
				rejection("DELETE", "/files/a/../../../etc/passwd?api_key=k1", NO_HEADER, 400, UNREADABLE),
				rejection("PUT", "/files/passwd", "X-Junk: " + "j".repeat(20_000) + "\r\n", 431, "PUT /files/passwd"),
				rejection("PUT", "/files/passwd", "Transfer-Encoding: gzip, chunked, etc\r\n", 400,
						"PUT /files/passwd"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("rejections")
	void rejectedRequestsGetAProblemForEveryMethodAndOneAccessLogLine(String method, String rawTarget,
			String extraHeader, int status, String logged, CapturedOutput output) throws IOException {
		String response = rawRequest(method + " " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeader
				+ "Content-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 " + status);
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		assertThat(body).contains("\"status\":" + status)
			.doesNotContain("files")
			.doesNotContain("passwd")
			.doesNotContain("etc")
			.doesNotContain("C3");
		String line = logged + " " + status + " " + body.getBytes(StandardCharsets.UTF_8).length + " ";
		await().atMost(LOGGED).until(() -> output.getOut().contains(line));
		assertThat(output.getOut().lines().filter((logLine) -> logLine.contains(logged + " "))).singleElement()
			.satisfies((logLine) -> assertThat(logLine).contains(line).doesNotContain("k1"));
	}

	private static Arguments rejection(String method, String rawTarget, String extraHeader, int status, String logged) {
		return Arguments.of(method, rawTarget, extraHeader, status, logged);
	}

	/** Sends bytes as they are: HTTP clients normalise dot segments and check encodings before sending. */
	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
