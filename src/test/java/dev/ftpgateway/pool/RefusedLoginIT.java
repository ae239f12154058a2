package dev.ftpgateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.ftp.FtpPermanentException;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The pool against an embedded MINA server that refuses the gateway's login, counting the logins
 * that reach it: a wrong password is tried once per back-off, not on every borrow.
 */
class RefusedLoginIT {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@TempDir
	Path home;

	private final AtomicInteger logins = new AtomicInteger();

	private EmbeddedFtpServer server;

	private FtpSessionPool pool;

	@BeforeEach
	void startServer() {
		this.server = new EmbeddedFtpServer(this.home, "gateway", "secret").listenOn("127.0.0.1", 0)
			.addFtplet("logins", new DefaultFtplet() {

				@Override
				public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
					if ("PASS".equals(request.getCommand())) {
						RefusedLoginIT.this.logins.incrementAndGet();
					}
					return FtpletResult.DEFAULT;
				}

			})
			.start();
	}

	@AfterEach
	void stop() {
		if (this.pool != null) {
			this.pool.close();
		}
		this.server.close();
	}

	@Test
	void aRefusedLoginIsNotTriedAgainWithinTheBackoff() {
		this.pool = pool("not-the-password");
		assertThatExceptionOfType(BackendLoginRefusedException.class).isThrownBy(this.pool::borrow)
			.withMessageContaining("refused the gateway's login as gateway@127.0.0.1:" + this.server.port())
			.withMessageContaining("530")
			.withMessageContaining("next login attempt in 1m")
			.withMessageNotContaining("not-the-password")
			.withCauseInstanceOf(FtpPermanentException.class)
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
		assertTimeoutPreemptively(BOUND, () -> {
			for (int i = 0; i < 20; i++) {
				assertThatExceptionOfType(BackendLoginRefusedException.class).isThrownBy(this.pool::borrow)
					.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
			}
		});
		assertThat(this.logins).hasValue(1);
		assertThat(this.pool.active() + this.pool.idle()).isZero();
	}

	@Test
	void theRightPasswordLogsInOncePerSessionAsBefore() throws IOException {
		this.pool = pool("secret");
		for (int i = 0; i < 3; i++) {
			try (Lease lease = this.pool.borrow()) {
				assertThat(lease.client().noop()).startsWith("200");
			}
		}
		assertThat(this.logins).hasValue(1);
	}

	private FtpSessionPool pool(String password) {
		Duration timeout = Duration.ofSeconds(5);
		ConnectionSettings connection = new ConnectionSettings(this.server.host(), this.server.port(), "gateway",
				password, true, StandardCharsets.UTF_8, timeout, timeout, timeout);
		// The default login back-off of a minute outlasts each test: a refused login is not tried again.
		return new FtpSessionPool(connection, new PoolSettings(2, 0, 2, Duration.ofSeconds(1), Duration.ofHours(1),
				Duration.ofHours(1), Duration.ofHours(1)));
	}

}
