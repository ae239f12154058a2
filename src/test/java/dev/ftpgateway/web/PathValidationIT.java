package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathValidationIT extends GatewayTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/files/..%2F..%2Fetc%2Fpasswd", "/files/%2e%2e/%2e%2e/etc/passwd", "/files/a/%2E%2E/%2E%2E/x",
			"/files/a%0D%0ADELE%20x", "/files/a%00b", "/files/%C3%28", "/files/a%5C..%5C..%5Cx" })
	void unsafePathsAre400ProblemsBeforeAnyFtpCommand(String rawPath) throws Exception {
		HttpResponse<String> response = get(rawPath);
		assertStatus(response, 400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":400");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/files/a%zz", "/files/../../etc/passwd", "/files/a/../../../etc/passwd", "/files/../x" })
	void pathsNoHttpClientWouldSendAre400ProblemsToo(String rawPath) throws Exception {
		String response = rawRequest("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	/** Sends bytes as they are: HTTP clients normalise dot segments before sending. */
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
