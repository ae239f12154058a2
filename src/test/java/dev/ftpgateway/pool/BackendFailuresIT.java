package dev.ftpgateway.pool;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.ftp.TlsContexts;
import dev.ftpgateway.pool.BackendUnavailableException.Reason;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Configuration mistakes against real sockets on loopback, each answered with what happened and
 * where instead of the socket's bare words.
 */
class BackendFailuresIT {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@TempDir
	Path home;

	/** Closed last first: pools before the servers they talk to. */
	private final Deque<AutoCloseable> resources = new ArrayDeque<>();

	@AfterEach
	void close() throws Exception {
		while (!this.resources.isEmpty()) {
			this.resources.pop().close();
		}
	}

	@Test
	void aPortWhereNothingListensIsARefusedConnection() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		BackendUnavailableException ex = borrowFails(settings("127.0.0.1", port, "secret", TlsSettings.NONE));
		assertThat(ex.reason()).isEqualTo(Reason.CONNECTION_REFUSED);
		assertThat(ex).hasMessage("Could not connect to the FTP server at 127.0.0.1:" + port + " (connection refused)");
	}

	@Test
	void aNameThatDoesNotResolveIsADnsFailure() {
		// RFC 2606 keeps .invalid from ever resolving.
		BackendUnavailableException ex = borrowFails(
				settings("no-such-ftp-server.invalid", 21, "secret", TlsSettings.NONE));
		assertThat(ex.reason()).isEqualTo(Reason.HOST_NOT_FOUND);
		assertThat(ex).hasMessage("FTP server host 'no-such-ftp-server.invalid' not found (DNS)");
	}

	@Test
	void explicitTlsAgainstAPlainServerSaysItDoesNotOfferTls() {
		EmbeddedFtpServer server = plainServer();
		BackendUnavailableException ex = borrowFails(
				settings(server.host(), server.port(), "secret", tls(TlsSettings.Mode.EXPLICIT)));
		assertThat(ex.reason()).isEqualTo(Reason.TLS_NOT_OFFERED);
		assertThat(ex).hasMessageStartingWith("The FTP server at 127.0.0.1:" + server.port()
				+ " does not offer TLS (AUTH TLS answered " + ex.replyCode() + " ");
		assertThat(ex.replyCode()).isPositive();
	}

	@Test
	void implicitTlsAgainstAPlainServerSaysItDoesNotOfferImplicitTls() {
		EmbeddedFtpServer server = plainServer();
		BackendUnavailableException ex = borrowFails(
				settings(server.host(), server.port(), "secret", tls(TlsSettings.Mode.IMPLICIT)));
		assertThat(ex.reason()).isEqualTo(Reason.TLS_NOT_OFFERED);
		assertThat(ex).hasMessageStartingWith(
				"The FTP server at 127.0.0.1:" + server.port() + " does not offer implicit TLS");
	}

	@Test
	void aWrongPasswordIsARefusedLoginNamingTheLoginButNotThePassword() {
		EmbeddedFtpServer server = plainServer();
		BackendUnavailableException ex = borrowFails(
				settings(server.host(), server.port(), "not-the-password", TlsSettings.NONE));
		assertThat(ex).isInstanceOf(BackendLoginRefusedException.class)
			.hasMessageContaining("refused the gateway's login as gateway@127.0.0.1:" + server.port())
			.hasMessageNotContaining("not-the-password");
		assertThat(ex.reason()).isEqualTo(Reason.LOGIN_REFUSED);
		assertThat(ex.replyCode()).isEqualTo(530);
	}

	@Test
	void aServerThatIsNotFtpIsSaidToBeNone() throws IOException {
		ScriptedFtpServer ssh = new ScriptedFtpServer().welcome("SSH-2.0-OpenSSH_9.6");
		this.resources.push(ssh);
		BackendUnavailableException ex = borrowFails(settings(ssh.host(), ssh.port(), "secret", TlsSettings.NONE));
		assertThat(ex.reason()).isEqualTo(Reason.NOT_FTP);
		assertThat(ex).hasMessageStartingWith(
				"The server at 127.0.0.1:" + ssh.port() + " does not answer as an FTP server")
			.hasMessageContaining("SSH-2.0-OpenSSH_9.6");
	}

	@Test
	void aServerThatNeverGreetsTimesOut() throws IOException {
		ScriptedFtpServer silent = new ScriptedFtpServer().welcomeBytes(new byte[0]);
		this.resources.push(silent);
		BackendUnavailableException ex = borrowFails(
				settings(silent.host(), silent.port(), "secret", TlsSettings.NONE));
		assertThat(ex.timedOut()).isTrue();
		assertThat(ex).hasMessage(
				"Connected to the FTP server at 127.0.0.1:" + silent.port() + ", but it sent no greeting within 2s");
	}

	private BackendUnavailableException borrowFails(ConnectionSettings settings) {
		FtpSessionPool pool = new FtpSessionPool(settings,
				new PoolSettings(1, 0, 1, BOUND, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)));
		this.resources.push(pool);
		return assertTimeoutPreemptively(BOUND, () -> assertThrows(BackendUnavailableException.class, pool::borrow));
	}

	private EmbeddedFtpServer plainServer() {
		EmbeddedFtpServer server = new EmbeddedFtpServer(this.home, "gateway", "secret").listenOn("127.0.0.1", 0)
			.start();
		this.resources.push(server);
		return server;
	}

	private static TlsSettings tls(TlsSettings.Mode mode) {
		return new TlsSettings(mode, () -> {
			try {
				return TlsContexts.insecureTrustingEverything();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}, List.of(), false);
	}

	private static ConnectionSettings settings(String host, int port, String password, TlsSettings tls) {
		return new ConnectionSettings(host, port, "gateway", password, true, StandardCharsets.UTF_8, TIMEOUT, TIMEOUT,
				TIMEOUT, tls);
	}

}
