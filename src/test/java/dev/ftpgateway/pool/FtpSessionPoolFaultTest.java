package dev.ftpgateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The pool against server faults the scripted fake server produces on demand. */
class FtpSessionPoolFaultTest {

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	FtpSessionPoolFaultTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		ConnectionSettings connection = new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw",
				true, StandardCharsets.UTF_8, second, second, second);
		this.pool = new FtpSessionPool(connection,
				new PoolSettings(4, 0, 4, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void tooManyConnectionsOnConnectIsAConnectionLimitThatLowersThePool() throws IOException {
		this.server.rejectNextConnection("421 Too many connections (4) from this IP");
		assertThatExceptionOfType(ConnectionLimitException.class).isThrownBy(this.pool::borrow)
			.isInstanceOf(PoolExhaustedException.class);
		assertThat(this.pool.maxTotal()).isOne();
		try (Lease lease = this.pool.borrow()) {
			assertThat(lease.client().noop()).startsWith("200");
		}
	}

	@Test
	void tooManyConnectionsOnLoginIsAConnectionLimitToo() throws IOException {
		this.server.nextReply("331 Password required").nextReply("421 Too many users logged in");
		assertThatExceptionOfType(ConnectionLimitException.class).isThrownBy(this.pool::borrow);
		assertThat(this.pool.maxTotal()).isOne();
		assertThat(this.pool.active() + this.pool.idle()).isZero();
	}

	@Test
	void otherTemporaryRefusalsLeaveThePoolSizeAlone() {
		this.server.rejectNextConnection("450 Try later");
		assertThatExceptionOfType(IOException.class).isThrownBy(this.pool::borrow)
			.isNotInstanceOf(PoolExhaustedException.class);
		assertThat(this.pool.maxTotal()).isEqualTo(4);
	}

	@Test
	void aSessionIsIdleOnlyOnceItHasBeenBackInThePool() throws IOException {
		try (Lease lease = this.pool.borrow()) {
			assertThat(lease.wasIdle()).isFalse();
		}
		try (Lease lease = this.pool.borrow()) {
			assertThat(lease.wasIdle()).isTrue();
		}
	}

}
