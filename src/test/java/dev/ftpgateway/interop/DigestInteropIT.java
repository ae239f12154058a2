package dev.ftpgateway.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.FtpGatewayApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Want-Repr-Digest answered by a real server's own hash command: proftpd with mod_digest, which
 * {@code .ci/interop} starts from the lab's build (no lab server loads it) and names with
 * {@code -Dinterop.digest-server=host:port}; skipped without it. A GET never reads a file twice, so
 * a Repr-Digest on a GET can only have come from the server. The digests are checked against the
 * lab's files on this machine ({@code interop.data}).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DigestInteropIT {

	private static final String FILE = "tree/file2.txt";

	private static ConfigurableApplicationContext gateway;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startGateway() {
		String server = System.getProperty("interop.digest-server");
		assumeTrue(server != null && System.getProperty("interop.data") != null,
				"interop.digest-server or interop.data not set: run .ci/interop as root");
		int colon = server.lastIndexOf(':');
		gateway = new SpringApplicationBuilder(FtpGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--ftp-gateway.server.host=" + server.substring(0, colon),
				"--ftp-gateway.server.port=" + server.substring(colon + 1),
				"--ftp-gateway.server.user=" + System.getProperty("interop.user", "labuser"),
				"--ftp-gateway.server.password=" + System.getProperty("interop.password", "labpass"),
				"--ftp-gateway.pool.max-total=2");
	}

	@AfterAll
	static void stopGateway() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "sha-256, SHA-256", "sha-512, SHA-512", "sha, SHA-1", "md5, MD5" })
	void aGetIsAnsweredWithTheServersDigest(String field, String algorithm) throws Exception {
		int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpResponse<byte[]> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files/" + FILE))
					.header("Want-Repr-Digest", field + "=10")
					.timeout(Duration.ofSeconds(30))
					.build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		byte[] local = Files.readAllBytes(Path.of(System.getProperty("interop.data")).resolve(FILE));
		assertThat(response.body()).isEqualTo(local);
		String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(local));
		assertThat(response.headers().firstValue("Repr-Digest")).hasValue(field + "=:" + expected + ":");
	}

}
