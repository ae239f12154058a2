package dev.ftpgateway.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import dev.ftpgateway.ftp.FtpTlsClient;
import dev.ftpgateway.ftp.TlsContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives {@link FtpTlsClient} against the lab's FTPS servers: vsftpd and proftpd, which refuse a
 * protected data connection that does not resume the control connection's TLS session, plus
 * pure-ftpd, pyftpdlib and vsftpd with implicit TLS. A server that demands session reuse
 * accepting our data connections is the proof that reuse happens.
 * <p>
 * Runs with {@code -Pinterop} when {@code -Dinterop.tls-servers=name=host:port:mode[:protocol],...}
 * names the servers (mode explicit or implicit; protocol caps the TLS version) and
 * {@code -Dinterop.ca-bundle} the PEM file of the lab's certificate. vsftpd 3.0.3 also needs
 * the JVM option {@code -Djdk.tls.client.enableSessionTicketExtension=false}, which the
 * interop profile sets.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsServersInteropIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	private static SSLContext trust;

	@BeforeAll
	static void requireServers() throws IOException, GeneralSecurityException {
		assumeTrue(System.getProperty("interop.tls-servers") != null, "interop.tls-servers not set: run .ci/interop");
		trust = TlsContexts.fromPemBundle(Path.of(System.getProperty("interop.ca-bundle")), null, null);
	}

	static Stream<TlsServer> servers() {
		return Arrays.stream(System.getProperty("interop.tls-servers", "").split(","))
			.map(String::trim)
			.filter((s) -> !s.isEmpty())
			.map(TlsServer::parse);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void protectedListingAndDownloadWork(TlsServer server) throws IOException {
		try (FtpTlsClient client = connect(server, true)) {
			assertThat(client.isControlSecure()).isTrue();
			assertThat(client.nlst("tree")).isNotEmpty();
			assertThat(client.list("tree/")).extracting((e) -> e.name()).contains("file1.txt", "d1_1");
			MessageDigest digest = sha256();
			client.retrieveBinary("RETR big/100MiB.bin", digest::update, 64 * 1024);
			assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(checksum("big/100MiB.bin"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void uploadsComeBackIntactOneAfterAnother(TlsServer server) throws IOException {
		byte[] data = new byte[3_000_000];
		new Random(3).nextBytes(data);
		String path = "scratch/tls-interop-" + server.name() + "-" + RUN_ID + ".bin";
		try (FtpTlsClient client = connect(server, true)) {
			for (int round = 0; round < 2; round++) {
				client.storeBinary("STOR " + path, new ByteArrayInputStream(data));
				assertThat(client.size(path)).hasValue(data.length);
				try (OutputStream out = client.store(path, true)) {
					out.write(data, 0, 1000);
				}
				ByteArrayOutputStream back = new ByteArrayOutputStream();
				client.retrieveBinary("RETR " + path, back::write);
				assertThat(back.toByteArray()).hasSize(data.length + 1000);
				assertThat(Arrays.copyOf(back.toByteArray(), data.length)).isEqualTo(data);
			}
			client.delete(path);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void abortedProtectedDownloadLeavesTheSessionUsable(TlsServer server) throws IOException {
		try (FtpTlsClient client = connect(server, true)) {
			try (InputStream in = client.retrieve("big/100MiB.bin", 0)) {
				assertThat(in.readNBytes(100_000)).hasSize(100_000);
			}
			assertThat(client.isBroken()).isFalse();
			assertThat(client.size("big/100MiB.bin")).hasValue(100L * 1024 * 1024);
			assertThat(client.nlst("tree")).isNotEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void activeModeDataConnectionsAreProtectedToo(TlsServer server) throws IOException {
		try (FtpTlsClient client = connect(server, false)) {
			assertThat(client.nlst("tree")).isNotEmpty();
		}
	}

	private static FtpTlsClient connect(TlsServer server, boolean passive) throws IOException {
		FtpTlsClient client = new FtpTlsClient(trust);
		client.setImplicit(server.implicit());
		if (server.protocol() != null) {
			client.setProtocols(server.protocol());
		}
		client.settings().setConnectTimeout(TIMEOUT);
		client.settings().setReplyTimeout(TIMEOUT);
		client.settings().setDataTimeout(TIMEOUT);
		client.settings().setPassive(passive);
		try {
			client.connect(server.host(), server.port());
			client.login(System.getProperty("interop.user", "labuser"), System.getProperty("interop.password", "labpass"));
			client.protectData();
			return client;
		}
		catch (IOException | RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	private static String checksum(String path) throws IOException {
		Path sums = Path.of(System.getProperty("interop.data", "/srv/ftplab"), "SHA256SUMS");
		List<String> lines = Files.readAllLines(sums);
		return lines.stream()
			.filter((line) -> line.length() > 66 && line.substring(66).equals(path))
			.map((line) -> line.substring(0, 64))
			.findFirst()
			.orElseThrow();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One FTPS server, from {@code name=host:port:mode[:protocol]}. */
	record TlsServer(String name, String host, int port, boolean implicit, String protocol) {

		static TlsServer parse(String spec) {
			String[] nameAndRest = spec.split("=", 2);
			String[] parts = nameAndRest[1].split(":");
			if (parts.length < 3) {
				throw new IllegalArgumentException("interop.tls-servers entry is not name=host:port:mode[:protocol]: " + spec);
			}
			return new TlsServer(nameAndRest[0], parts[0], Integer.parseInt(parts[1]), parts[2].equals("implicit"),
					(parts.length > 3) ? parts[3] : null);
		}

		@Override
		public String toString() {
			return this.name + ((this.protocol != null) ? " (" + this.protocol + ")" : "");
		}

	}

}
