package dev.ftpgateway.ftp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** ftplib's debug levels, through System.Logger (routed to Logback in this build). */
class FtpClientDebugLogTest {

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final Logger logger = (Logger) LoggerFactory.getLogger(FtpClient.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level previousLevel;

	FtpClientDebugLogTest() throws IOException {
	}

	@BeforeEach
	void captureLog() {
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void restoreLog() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.previousLevel);
		this.server.close();
	}

	@Test
	void levelZeroLogsNothing() throws IOException {
		session(0);
		assertThat(messages()).isEmpty();
	}

	@Test
	void levelOneLogsOneLinePerCommandAndReply() throws IOException {
		session(1);
		assertThat(messages()).contains("*cmd* USER alice", "*cmd* PASS *****", "*resp* 230 logged in")
			.noneMatch(m -> m.startsWith("*put*") || m.startsWith("*get*"));
	}

	@Test
	void levelTwoLogsEveryLineBothWaysAndNeverThePassword() throws IOException {
		session(2);
		assertThat(messages()).contains("*put* USER alice", "*put* PASS *****", "*get* 230 logged in")
			.noneMatch(m -> m.contains("hunter2"));
	}

	@Test
	void debugEnabledLoggerShowsTheDialogueWithoutADebugLevel() throws IOException {
		this.logger.setLevel(Level.DEBUG);
		session(0);
		assertThat(messages()).contains("*cmd* PASS *****").noneMatch(m -> m.contains("hunter2"));
	}

	private void session(int debugLevel) throws IOException {
		this.server.reply("PASS", "230 logged in");
		try (FtpClient ftp = new FtpClient()) {
			ftp.setDebugLevel(debugLevel);
			ftp.settings().setReplyTimeout(Duration.ofSeconds(5));
			ftp.connect(this.server.host(), this.server.port());
			ftp.login("alice", "hunter2");
		}
	}

	private List<String> messages() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
