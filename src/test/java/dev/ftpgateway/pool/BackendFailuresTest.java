package dev.ftpgateway.pool;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.FtpProtocolException;
import dev.ftpgateway.ftp.FtpTemporaryException;
import dev.ftpgateway.ftp.Reply;
import dev.ftpgateway.pool.BackendUnavailableException.Reason;
import dev.ftpgateway.pool.FtpSessionFactory.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each failure to open a session is worded, fed the exceptions the JDK and the client raise;
 * {@link BackendFailuresIT} provokes the common ones against real sockets.
 */
class BackendFailuresTest {

	private static final ConnectionSettings SETTINGS = new ConnectionSettings("ftp.example.org", 2121, "gateway",
			"pa55word", true, StandardCharsets.UTF_8, Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofSeconds(60));

	@Test
	void connectTimeoutNamesTheAddressAndTheConnectTimeout() {
		BackendUnavailableException ex = describe(Step.CONNECT, new SocketTimeoutException("Connect timed out"));
		assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT);
		assertThat(ex.timedOut()).isTrue();
		assertThat(ex).hasMessage("Could not connect to the FTP server at ftp.example.org:2121 within 10s"
				+ " (connect timeout)");
	}

	@Test
	void silenceAfterConnectingIsAMissingGreeting() {
		assertThat(describe(Step.CONNECT, new SocketTimeoutException("Read timed out")))
			.hasMessage("Connected to the FTP server at ftp.example.org:2121, but it sent no greeting within 30s")
			.satisfies((ex) -> assertThat(ex.timedOut()).isTrue());
	}

	@Test
	void timeoutsLaterOnSayWhatWentUnanswered() {
		assertThat(describe(Step.LOGIN, new SocketTimeoutException("Read timed out")))
			.hasMessage("No answer from the FTP server at ftp.example.org:2121 to the login within 30s");
		assertThat(describe(Step.TLS, new SocketTimeoutException("Read timed out")))
			.hasMessage("No answer from the FTP server at ftp.example.org:2121 to AUTH TLS within 30s");
	}

	@Test
	void unknownHostIsADnsFailure() {
		assertThat(describe(Step.CONNECT, new UnknownHostException("ftp.example.org")))
			.hasMessage("FTP server host 'ftp.example.org' not found (DNS)")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.HOST_NOT_FOUND));
	}

	@Test
	void refusedConnectionNamesTheAddress() {
		assertThat(describe(Step.CONNECT, new ConnectException("Connection refused")))
			.hasMessage("Could not connect to the FTP server at ftp.example.org:2121 (connection refused)")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION_REFUSED));
	}

	@Test
	void authTlsRefusedMeansTheServerDoesNotOfferTlsAndKeepsTheReply() {
		BackendUnavailableException ex = describe(Step.TLS, reply(500, "500 Command AUTH not understood"));
		assertThat(ex).hasMessage("The FTP server at ftp.example.org:2121 does not offer TLS"
				+ " (AUTH TLS answered 500 Command AUTH not understood)");
		assertThat(ex.reason()).isEqualTo(Reason.TLS_NOT_OFFERED);
		assertThat(ex.replyCode()).isEqualTo(500);
		assertThat(ex.replyText()).isEqualTo("500 Command AUTH not understood");
	}

	@Test
	void vsftpdsLoginErrorToAuthTlsIsNotARefusedLogin() {
		assertThat(describe(Step.TLS, reply(530, "530 Please login with USER and PASS.")).reason())
			.isEqualTo(Reason.TLS_NOT_OFFERED);
	}

	@Test
	void plainTextWhereATlsRecordWasDueMeansNoImplicitTls() {
		assertThat(describe(Step.CONNECT, new SSLException("Unsupported or unrecognized SSL message")))
			.hasMessageStartingWith("The FTP server at ftp.example.org:2121 does not offer implicit TLS")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TLS_NOT_OFFERED));
	}

	@Test
	void otherHandshakeFailuresKeepTheJdksReason() {
		assertThat(describe(Step.TLS, new SSLHandshakeException("PKIX path building failed")))
			.hasMessage("The TLS handshake (explicit TLS) with the FTP server at ftp.example.org:2121 failed:"
					+ " PKIX path building failed")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TLS_FAILED));
	}

	@Test
	void aGreetingThatIsNoFtpReplyIsNotAnFtpServer() {
		assertThat(describe(Step.CONNECT, new FtpProtocolException("Invalid reply line: 'SSH-2.0-OpenSSH_9.6'")))
			.hasMessage("The server at ftp.example.org:2121 does not answer as an FTP server"
					+ " (Invalid reply line: 'SSH-2.0-OpenSSH_9.6')")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.NOT_FTP));
	}

	@Test
	void otherLoginRefusalsNameTheLoginButNeverThePassword() {
		assertThat(describe(Step.LOGIN, reply(500, "500 USER not allowed")))
			.hasMessage("The FTP server refused the gateway's login as gateway@ftp.example.org:2121"
					+ " (500 USER not allowed)")
			.hasMessageNotContaining("pa55word");
	}

	@Test
	void connectionsLostMidWaySayWhen() {
		assertThat(describe(Step.LOGIN, new EOFException("Connection closed by the server")))
			.hasMessage("Lost the connection to the FTP server at ftp.example.org:2121 during the login"
					+ " (connection closed by the server)")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION_FAILED));
	}

	@Test
	void tooManyConnectionsStaysTheRepliesOwnExceptionForTheConnectionLimit() {
		FtpTemporaryException limit = new FtpTemporaryException(new Reply(421, List.of("421 Too many users")));
		assertThat(BackendFailures.describe(SETTINGS, Step.CONNECT, limit)).isSameAs(limit);
		assertThat(BackendFailures.describe(SETTINGS, Step.LOGIN, limit)).isSameAs(limit);
	}

	@Test
	void ipv6AddressesAreBracketed() {
		ConnectionSettings ipv6 = new ConnectionSettings("::1", 21, "gateway", "pw", true, StandardCharsets.UTF_8,
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(BackendFailures.describe(ipv6, Step.CONNECT, new ConnectException("Connection refused")))
			.hasMessage("Could not connect to the FTP server at [::1]:21 (connection refused)");
	}

	private static BackendUnavailableException describe(Step step, IOException ex) {
		IOException described = BackendFailures.describe(SETTINGS, step, ex);
		assertThat(described).isInstanceOf(BackendUnavailableException.class);
		assertThat(described.getCause()).isSameAs(ex);
		return (BackendUnavailableException) described;
	}

	private static FtpPermanentException reply(int code, String text) {
		return new FtpPermanentException(new Reply(code, List.of(text)));
	}

}
