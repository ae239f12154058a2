package dev.ftpgateway.ftp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Connecting, logging in and the command/reply core, against the scripted fake server. */
class FtpClientConnectionTest {

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	FtpClientConnectionTest() throws IOException {
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void connectReturnsTheWelcomeAndGetWelcomeKeepsIt() throws IOException {
		this.server.welcome("220-Hello\n220 ready");
		try (FtpClient ftp = new FtpClient()) {
			assertThat(ftp.connect(this.server.host(), this.server.port())).isEqualTo("220-Hello\n220 ready");
			assertThat(ftp.getWelcome()).isEqualTo("220-Hello\n220 ready");
			assertThat(ftp.isConnected()).isTrue();
		}
	}

	@Test
	void preliminary120BeforeTheGreetingIsSkipped() throws IOException {
		this.server.welcome("120 Service ready in 1 minute\n220 ready now");
		try (FtpClient ftp = new FtpClient()) {
			assertThat(ftp.connect(this.server.host(), this.server.port())).isEqualTo("220 ready now");
		}
	}

	@Test
	void tooManyConnectionsOnConnectIsATemporaryErrorAndClosesTheSocket() throws IOException {
		this.server.rejectNextConnection("421 Too many connections");
		try (FtpClient ftp = new FtpClient()) {
			assertThatExceptionOfType(FtpTemporaryException.class)
				.isThrownBy(() -> ftp.connect(this.server.host(), this.server.port()))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(421))
				.satisfies(ex -> assertThat(ex.replyText()).isEqualTo("421 Too many connections"));
			assertThat(ftp.isConnected()).isFalse();
		}
	}

	@Test
	void constructorWithUserConnectsAndLogsIn() throws IOException {
		try (FtpClient ftp = new FtpClient(this.server.host() + "", "alice", "secret", "", Duration.ofSeconds(5))) {
			assertThat(ftp.isConnected()).isFalse();
		}
		catch (IOException expected) {
			// The five-argument constructor connects to port 21, which the scripted server is not on.
		}
		try (FtpClient ftp = new FtpClient()) {
			ftp.connect(this.server.host(), this.server.port(), Duration.ofSeconds(5));
			assertThat(ftp.login("alice", "secret")).startsWith("230");
		}
		assertThat(this.server.takeCommand()).isEqualTo("USER alice");
		assertThat(this.server.takeCommand()).isEqualTo("PASS secret");
	}

	@Test
	void anonymousLoginSendsTheConventionalPassword() throws IOException {
		try (FtpClient ftp = connected()) {
			ftp.login();
		}
		assertThat(this.server.takeCommand()).isEqualTo("USER anonymous");
		assertThat(this.server.takeCommand()).isEqualTo("PASS anonymous@");
	}

	@Test
	void loginWithoutPasswordPromptSendsOnlyUser() throws IOException {
		this.server.reply("USER", "230 no password needed");
		try (FtpClient ftp = connected()) {
			assertThat(ftp.login("guest", "ignored")).isEqualTo("230 no password needed");
		}
		assertThat(this.server.takeCommand()).isEqualTo("USER guest");
		assertThat(this.server.takeCommand()).isEqualTo("FEAT");
	}

	@Test
	void accountIsSentWhenTheServerAsksForIt() throws IOException {
		this.server.reply("PASS", "332 Need account for login");
		try (FtpClient ftp = connected()) {
			assertThat(ftp.login("bob", "pw", "acct42")).startsWith("230");
		}
		assertThat(this.server.commands()).contains("USER bob", "PASS pw", "ACCT acct42");
	}

	@Test
	void wrongPasswordIsAPermanentError() throws IOException {
		this.server.reply("PASS", "530 Login incorrect");
		try (FtpClient ftp = connected()) {
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.login("bob", "wrong"))
				.satisfies(ex -> assertThat(ex.replyCode()).isEqualTo(530));
			assertThat(ftp.isBroken()).isFalse();
		}
	}

	@Test
	void utf8IsSwitchedOnWhenTheServerOffersIt() throws IOException {
		try (FtpClient ftp = connected()) {
			ftp.login();
		}
		assertThat(this.server.commands()).contains("OPTS UTF8 ON");
	}

	@Test
	void replyCodeClassDecidesTheException() throws IOException {
		try (FtpClient ftp = connected()) {
			assertThat(ftp.sendCommand("ECHO 250 fine")).isEqualTo("250 fine");
			assertThat(ftp.sendCommand("ECHO 350 go on")).isEqualTo("350 go on");
			assertThatExceptionOfType(FtpTemporaryException.class).isThrownBy(() -> ftp.sendCommand("ECHO 450 busy"));
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> ftp.sendCommand("ECHO 550 no"));
			assertThatExceptionOfType(FtpReplyException.class).isThrownBy(() -> ftp.voidCommand("ECHO 350 go on"))
				.satisfies(ex -> assertThat(ex.replyText()).isEqualTo("350 go on"));
			assertThat(ftp.voidCommand("ECHO 200 ok")).isEqualTo("200 ok");
			assertThat(ftp.isBroken()).isFalse();
		}
	}

	@Test
	void everyFtpErrorIsAnIOExceptionCarryingTheReply() throws IOException {
		try (FtpClient ftp = connected()) {
			IOException error = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
					() -> ftp.sendCommand("ECHO 552 Disk full"));
			assertThat(error).isInstanceOf(FtpException.class);
			assertThat(((FtpException) error).replyCode()).isEqualTo(552);
		}
	}

	@Test
	void replyThatIsNotFtpIsAProtocolErrorAndBreaksTheSession() throws IOException {
		this.server.nextReply("HTTP/1.1 400 Bad Request");
		try (FtpClient ftp = connected()) {
			assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(ftp::noop);
			assertThat(ftp.isBroken()).isTrue();
			assertThat(ftp.isConnected()).isFalse();
		}
	}

	@Test
	void closingSaidBy421BreaksTheSession() throws IOException {
		this.server.nextReply("421 Timeout, closing control connection");
		try (FtpClient ftp = connected()) {
			assertThatExceptionOfType(FtpTemporaryException.class).isThrownBy(ftp::noop);
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELE a\r\nDELE b", "DELE a\nDELE b", "DELE a\0b", "RNTO x\r" })
	void commandWithLineBreakOrNulIsRefusedBeforeAnythingIsSent(String command) throws IOException {
		try (FtpClient ftp = connected()) {
			assertThatIllegalArgumentException().isThrownBy(() -> ftp.sendCommand(command));
			assertThatIllegalArgumentException().isThrownBy(() -> ftp.delete(command));
			assertThatIllegalArgumentException().isThrownBy(() -> ftp.retrieve(command, 0));
			ftp.noop();
		}
		assertThat(this.server.commands()).containsExactly("NOOP");
	}

	@Test
	void passwordWithLineBreakIsRefusedWithoutShowingIt() throws IOException {
		try (FtpClient ftp = connected()) {
			assertThatIllegalArgumentException().isThrownBy(() -> ftp.login("u", "se\r\ncret"))
				.withMessageNotContaining("cret");
		}
	}

	@Test
	void replyThatNeverComesTimesOutAndBreaksTheSession() throws IOException {
		this.server.stall("NOOP", Duration.ofSeconds(3));
		try (FtpClient ftp = connected()) {
			ftp.settings().setReplyTimeout(Duration.ofMillis(200));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(ftp::noop);
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@Test
	void connectionDroppedBeforeTheReplyIsAnIOErrorAndBreaksTheSession() throws IOException {
		this.server.dropControlOn("NOOP");
		try (FtpClient ftp = connected()) {
			assertThatExceptionOfType(IOException.class).isThrownBy(ftp::noop);
			assertThat(ftp.isBroken()).isTrue();
		}
	}

	@Test
	void quitSendsQuitAndCloses() throws IOException {
		FtpClient ftp = connected();
		assertThat(ftp.quit()).startsWith("221");
		assertThat(ftp.isConnected()).isFalse();
		ftp.close();
		ftp.close();
		assertThatIllegalStateException().isThrownBy(ftp::noop);
	}

	@Test
	void connectingTwiceIsAProgrammingError() throws IOException {
		try (FtpClient ftp = connected()) {
			assertThatIllegalStateException().isThrownBy(() -> ftp.connect(this.server.host(), this.server.port()));
		}
	}

	@Test
	void passwordIsMaskedInTheDialogueLog() {
		assertThat(DialogueLog.mask("PASS hunter2")).isEqualTo("PASS *****");
		assertThat(DialogueLog.mask("pass hunter2")).isEqualTo("pass *****");
		assertThat(DialogueLog.mask("ACCT 1234")).isEqualTo("ACCT *****");
		assertThat(DialogueLog.mask("USER alice")).isEqualTo("USER alice");
	}

	private FtpClient connected() throws IOException {
		FtpClient ftp = new FtpClient();
		ftp.settings().setReplyTimeout(Duration.ofSeconds(5));
		ftp.connect(this.server.host(), this.server.port());
		return ftp;
	}

}
