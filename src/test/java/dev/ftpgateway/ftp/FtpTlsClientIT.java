package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * FTPS against MINA FtpServer with a test certificate for {@code localhost}: explicit and
 * implicit TLS, protected data connections, and proof that data connections resume the control
 * connection's session.
 */
class FtpTlsClientIT {

	private static final Path TLS = Path.of("src/test/resources/tls");

	@TempDir
	Path home;

	private EmbeddedFtpServer server;

	private final byte[] content = new byte[200_000];

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void explicitTlsSecuresLoginAndProtectedDataMovesFilesBothWays() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			assertThat(ftps.isControlSecure()).isFalse();
			ftps.login("u", "p");
			assertThat(ftps.isControlSecure()).isTrue();
			ftps.protectData();
			roundTrip(ftps);
			ftps.settings().setPassive(false);
			roundTrip(ftps);
		}
	}

	@Test
	void implicitTlsIsSecureFromTheGreeting() throws Exception {
		start(true, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.setImplicit(true);
			assertThat(ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10))).startsWith("220");
			assertThat(ftps.isControlSecure()).isTrue();
			ftps.login("u", "p");
			ftps.protectData();
			roundTrip(ftps);
		}
	}

	@Test
	void dataConnectionResumesTheControlSessionUnderTls12() throws Exception {
		start(false, "TLSv1.2");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.setProtocols("TLSv1.2");
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			ftps.login("u", "p");
			ftps.protectData();
			ftps.voidCommand("TYPE I");
			try (Socket data = ftps.transferCommand("RETR /data.bin")) {
				TlsDataSocket tls = (TlsDataSocket) data;
				assertThat(tls.session().getId()).isNotEmpty().isEqualTo(ftps.controlSession().getId());
				assertThat(ftps.isSessionReused(data)).isTrue();
				tls.getInputStream().readAllBytes();
			}
			ftps.voidResponse();
		}
	}

	@Test
	void aDataConnectionResumingUnderTls13CountsAsReused() throws Exception {
		start(false, "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			ftps.login("u", "p");
			ftps.protectData();
			assertThat(ftps.controlSession().getProtocol()).isEqualTo("TLSv1.3");
			ftps.voidCommand("TYPE I");
			try (Socket data = ftps.transferCommand("RETR /data.bin")) {
				// A TLS 1.3 resumption is a new session object with an id of its own.
				assertThat(((TlsDataSocket) data).session().getId()).isNotEqualTo(ftps.controlSession().getId());
				assertThat(ftps.isSessionReused(data)).isTrue();
				data.getInputStream().readAllBytes();
			}
			ftps.voidResponse();
		}
	}

	@Test
	void certificateForAnotherNameIsRefused() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.connect("127.0.0.1", this.server.port(), Duration.ofSeconds(10));
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> ftps.login("u", "p"));
		}
	}

	@Test
	void untrustedCertificateIsRefusedByTheDefaultTrustStore() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient()) {
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> ftps.login("u", "p"));
		}
	}

	@Test
	void insecureModeAcceptsAnyCertificateWhenAskedExplicitly() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(TlsContexts.insecureTrustingEverything())) {
			ftps.setHostnameVerification(false);
			ftps.connect("127.0.0.1", this.server.port(), Duration.ofSeconds(10));
			assertThat(ftps.login("u", "p")).startsWith("230");
		}
	}

	@Test
	void trustStoreFileWorksLikeAPemBundle() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		SSLContext fromStore = TlsContexts.fromTrustStore(TLS.resolve("server.p12"), "changeit".toCharArray(), null, null);
		try (FtpTlsClient ftps = new FtpTlsClient(fromStore)) {
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			assertThat(ftps.login("u", "p")).startsWith("230");
		}
	}

	@Test
	void clearDataSendsTransfersInTheClearAgain() throws Exception {
		start(false, "TLSv1.2", "TLSv1.3");
		try (FtpTlsClient ftps = new FtpTlsClient(trustingTestCa())) {
			ftps.connect("localhost", this.server.port(), Duration.ofSeconds(10));
			ftps.login("u", "p");
			ftps.protectData();
			ftps.clearData();
			ftps.voidCommand("TYPE I");
			try (Socket data = ftps.transferCommand("RETR /data.bin")) {
				assertThat(data).isNotInstanceOf(TlsDataSocket.class);
				assertThat(ftps.isSessionReused(data)).isFalse();
				assertThat(data.getInputStream().readAllBytes()).isEqualTo(this.content);
			}
			ftps.voidResponse();
		}
	}

	private void roundTrip(FtpTlsClient ftps) throws IOException {
		ByteArrayOutputStream down = new ByteArrayOutputStream();
		ftps.retrieveBinary("RETR /data.bin", down::write);
		assertThat(down.toByteArray()).isEqualTo(this.content);
		ftps.storeBinary("STOR /up.bin", new ByteArrayInputStream(this.content));
		assertThat(Files.readAllBytes(this.home.resolve("up.bin"))).isEqualTo(this.content);
		try (InputStream in = ftps.retrieve("/data.bin", 0)) {
			in.readNBytes(10);
		}
		assertThat(ftps.list("/")).isNotEmpty();
	}

	private void start(boolean implicit, String... protocols) throws IOException {
		new Random(7).nextBytes(this.content);
		Files.write(this.home.resolve("data.bin"), this.content);
		SslConfigurationFactory tls = new SslConfigurationFactory();
		tls.setKeystoreFile(TLS.resolve("server.p12").toFile());
		tls.setKeystorePassword("changeit");
		tls.setKeystoreType("PKCS12");
		tls.setSslProtocol(protocols);
		this.server = new EmbeddedFtpServer(this.home, "u", "p").listenOn("127.0.0.1", 0)
			.secureWith(tls.createSslConfiguration(), implicit)
			.start();
	}

	private static SSLContext trustingTestCa() throws IOException, GeneralSecurityException {
		return TlsContexts.fromPemBundle(TLS.resolve("ca.pem"), null, null);
	}

}
