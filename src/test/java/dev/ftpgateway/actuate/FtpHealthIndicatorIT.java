package dev.ftpgateway.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The health indicator over a real pool and embedded server, without Spring. */
@ExtendWith(OutputCaptureExtension.class)
class FtpHealthIndicatorIT {

	@RegisterExtension
	final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	private FtpSessionPool pool;

	@BeforeEach
	void createPool() {
		Duration timeout = Duration.ofSeconds(5);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.ftp.host(), this.ftp.port(), this.ftp.user(), this.ftp.password(), true,
						StandardCharsets.UTF_8, timeout, timeout, timeout),
				new PoolSettings(1, 0, 1, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(1),
						Duration.ofHours(1)));
	}

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void upWithServerAndPoolDetails() {
		Health health = new FtpHealthIndicator(null, this.pool).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("host", "127.0.0.1")
			.containsEntry("port", this.ftp.port())
			.containsEntry("active", 0)
			.containsEntry("idle", 1)
			.containsEntry("maxTotal", 1);
		assertThat((String) health.getDetails().get("reply")).startsWith("200");
	}

	@Test
	void downWhenTheServerIsGoneAndTheSessionIsNotKept() throws Exception {
		this.pool.borrow().close();
		this.ftp.server().stop();
		Health health = new FtpHealthIndicator(null, this.pool).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("port", this.ftp.port()).containsKey("reason");
		assertThat(this.pool.idle()).isZero();
	}

	@Test
	void downSaysWhyAndLogsOneLinePerChangeWithoutStackTraces(CapturedOutput output) {
		FtpHealthIndicator indicator = new FtpHealthIndicator(null, this.pool);
		this.ftp.server().stop();
		for (int probe = 0; probe < 3; probe++) {
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason",
					"Could not connect to the FTP server at 127.0.0.1:" + this.ftp.port() + " (connection refused)");
		}
		this.ftp.server().start();
		for (int probe = 0; probe < 3; probe++) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
		String logger = FtpHealthIndicator.class.getSimpleName() + " ";
		assertThat(output.getAll().lines().filter((line) -> line.contains(logger)))
			.hasSize(2)
			.satisfiesExactly(
					(down) -> assertThat(down).contains("WARN")
						.endsWith("FTP backend is down: Could not connect to the FTP server at 127.0.0.1:"
								+ this.ftp.port() + " (connection refused)"),
					(up) -> assertThat(up).contains("INFO")
						.endsWith("The FTP server at 127.0.0.1:" + this.ftp.port() + " answers again"));
		assertThat(output.getAll()).as("no stack trace").doesNotContain("\tat ");
	}

	@Test
	void aNamedServersDownLineNamesIt(CapturedOutput output) {
		FtpHealthIndicator indicator = new FtpHealthIndicator("partner-a", this.pool);
		this.ftp.server().stop();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(output.getAll()).contains("FTP backend 'partner-a' is down: Could not connect to the FTP server at 127.0.0.1:"
				+ this.ftp.port() + " (connection refused)");
	}

	@Test
	void probesDoNotLogInAgainWhileTheRefusedLoginBacksOff() {
		AtomicInteger logins = new AtomicInteger();
		FtpEventListener countLogins = new FtpEventListener() {

			@Override
			public void commandCompleted(String verb, int replyCode, Duration elapsed) {
				if (verb.equals("PASS")) {
					logins.incrementAndGet();
				}
			}

		};
		Duration timeout = Duration.ofSeconds(5);
		try (FtpSessionPool refused = new FtpSessionPool(
				new ConnectionSettings(this.ftp.host(), this.ftp.port(), this.ftp.user(), "not-the-password", true,
						StandardCharsets.UTF_8, timeout, timeout, timeout),
				new PoolSettings(1, 0, 1, timeout, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)),
				countLogins)) {
			FtpHealthIndicator indicator = new FtpHealthIndicator(null, refused);
			for (int probe = 0; probe < 5; probe++) {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason"))
					.startsWith("The FTP server refused the gateway's login as " + this.ftp.user() + "@127.0.0.1:"
							+ this.ftp.port() + " (530 ")
					.doesNotContain("not-the-password");
			}
		}
		assertThat(logins).hasValue(1);
	}

	@Test
	void fullPoolIsReportedUpWithoutWaiting() throws Exception {
		try (Lease held = this.pool.borrow()) {
			FtpHealthIndicator indicator = new FtpHealthIndicator(null, this.pool);
		Health health = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> indicator.health());
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("check", "skipped: all sessions busy");
		}
	}

}
