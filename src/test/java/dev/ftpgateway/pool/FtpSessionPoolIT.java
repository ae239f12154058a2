package dev.ftpgateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The session pool against an embedded MINA server, one fresh server per test. */
class FtpSessionPoolIT {

	private static final Duration BOUND = Duration.ofSeconds(10);

	/** Long enough that borrowing never sends NOOP unless a test asks for it. */
	private static final Duration NO_IDLE_CHECK = Duration.ofHours(1);

	@RegisterExtension
	final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	private final List<FtpSessionPool> pools = new ArrayList<>();

	@AfterEach
	void closePools() {
		this.pools.forEach(FtpSessionPool::close);
	}

	@Test
	void returnedSessionIsLentAgain() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		FtpClient first;
		try (Lease lease = pool.borrow()) {
			first = lease.client();
			first.noop();
		}
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client()).isSameAs(first);
		}
		assertThat(pool.created()).isOne();
	}

	@Test
	void sessionsArriveLoggedIn() throws IOException {
		Files.writeString(this.ftp.home().resolve("a.txt"), "abc", StandardCharsets.UTF_8);
		FtpSessionPool pool = pool(1, Duration.ofSeconds(1), NO_IDLE_CHECK);
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client().size("a.txt")).hasValue(3);
		}
	}

	@Test
	void sessionMarkedBrokenIsDestroyedNotReturned() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		FtpClient broken;
		try (Lease lease = pool.borrow()) {
			broken = lease.client();
			lease.markBroken();
		}
		assertThat(pool.destroyed()).isOne();
		assertThat(broken.isConnected()).isFalse();
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client()).isNotSameAs(broken);
			assertThat(lease.client().noop()).startsWith("200");
		}
	}

	@Test
	void sessionReturnedWithATransferStillOpenIsDestroyed() throws IOException {
		Files.write(this.ftp.home().resolve("big.bin"), new byte[1_000_000]);
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		FtpClient midTransfer;
		try (Lease lease = pool.borrow()) {
			midTransfer = lease.client();
			midTransfer.retrieve("big.bin", 0).read();
		}
		assertThat(pool.destroyed()).isOne();
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client()).isNotSameAs(midTransfer);
		}
	}

	@Test
	void destroyedSessionIsReplacedAtOnceForWaitingBorrowers() throws IOException {
		FtpSessionPool pool = pool(1, Duration.ofSeconds(1), NO_IDLE_CHECK);
		try (Lease lease = pool.borrow()) {
			lease.markBroken();
		}
		// commons-pool 2.13's invalidateObject opens the replacement itself.
		assertThat(pool.idle()).isOne();
		assertThat(pool.created()).isEqualTo(2);
	}

	@Test
	void brokenSessionIsDestroyedEvenWhenTheServerIsGone() throws IOException {
		FtpSessionPool pool = pool(1, Duration.ofSeconds(1), NO_IDLE_CHECK);
		Lease lease = pool.borrow();
		lease.markBroken();
		this.ftp.server().stop();
		assertTimeoutPreemptively(BOUND, lease::close);
		assertThat(pool.active()).isZero();
		assertThat(pool.idle()).isZero();
		assertThat(pool.destroyed()).isOne();
	}

	@Test
	void sessionWhoseClientBrokeIsDestroyed() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		FtpClient client;
		try (Lease lease = pool.borrow()) {
			client = lease.client();
			this.ftp.server().closeSessions();
			assertThatExceptionOfType(IOException.class).isThrownBy(client::noop);
			assertThat(client.isBroken()).isTrue();
		}
		assertThat(pool.destroyed()).isOne();
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client()).isNotSameAs(client);
		}
	}

	@Test
	void exhaustedPoolFailsAfterMaxWait() throws IOException {
		Duration maxWait = Duration.ofMillis(300);
		FtpSessionPool pool = pool(1, maxWait, NO_IDLE_CHECK);
		try (Lease held = pool.borrow()) {
			long start = System.nanoTime();
			PoolExhaustedException ex = assertTimeoutPreemptively(BOUND,
					() -> assertThrows(PoolExhaustedException.class, pool::borrow));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
			assertThat(ex.maxWait()).isEqualTo(maxWait);
		}
		assertThat(pool.active()).isZero();
	}

	@Test
	void waitingBorrowerGetsTheSessionWhenItIsReturned() throws Exception {
		FtpSessionPool pool = pool(1, BOUND, NO_IDLE_CHECK);
		Lease held = pool.borrow();
		CompletableFuture<FtpClient> waiter = CompletableFuture.supplyAsync(() -> {
			try (Lease lease = pool.borrow()) {
				return lease.client();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (pool.waiting() == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(pool.waiting()).isOne();
		FtpClient client = held.client();
		held.close();
		assertThat(waiter.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isSameAs(client);
	}

	@Test
	void evictionClosesSessionsIdleTooLong() throws IOException {
		FtpSessionPool pool = new FtpSessionPool(connection(this.ftp.password()), new PoolSettings(2, 0, 2,
				Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMillis(1), NO_IDLE_CHECK));
		this.pools.add(pool);
		pool.borrow().close();
		assertThat(pool.idle()).isOne();
		// Idle time is measured by commons-pool's own clock: run passes until 1 ms has gone by.
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (pool.idle() > 0 && System.nanoTime() < deadline) {
			pool.evict();
		}
		assertThat(pool.idle()).isZero();
		assertThat(pool.destroyed()).isOne();
	}

	@Test
	void evictionKeepsSessionsNotIdleLongEnough() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		pool.borrow().close();
		pool.evict();
		assertThat(pool.idle()).isOne();
	}

	@Test
	void sessionKilledServerSideIsReplacedOnNextBorrow() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), Duration.ZERO);
		FtpClient first;
		try (Lease lease = pool.borrow()) {
			first = lease.client();
		}
		this.ftp.server().closeSessions();
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client()).isNotSameAs(first);
			assertThat(lease.client().noop()).startsWith("200");
		}
		assertThat(pool.created()).isEqualTo(2);
		assertThat(pool.destroyed()).isOne();
	}

	@Test
	void sessionsSurviveAServerRestartThroughValidation() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), Duration.ZERO);
		pool.borrow().close();
		this.ftp.server().stop();
		this.ftp.server().start();
		try (Lease lease = pool.borrow()) {
			assertThat(lease.client().noop()).startsWith("200");
		}
	}

	@Test
	void evictionDropsIdleSessionsTheServerClosed() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), Duration.ZERO);
		pool.borrow().close();
		this.ftp.server().closeSessions();
		pool.evict();
		assertThat(pool.idle()).isZero();
	}

	@Test
	void activeCountReturnsToZero() throws IOException {
		FtpSessionPool pool = pool(3, Duration.ofSeconds(1), NO_IDLE_CHECK);
		Lease a = pool.borrow();
		Lease b = pool.borrow();
		Lease c = pool.borrow();
		assertThat(pool.active()).isEqualTo(3);
		c.markBroken();
		a.close();
		b.close();
		c.close();
		assertThat(pool.active()).isZero();
		assertThat(pool.destroyed()).isOne();
	}

	@Test
	void closingALeaseTwiceReturnsItOnce() throws IOException {
		FtpSessionPool pool = pool(2, Duration.ofSeconds(1), NO_IDLE_CHECK);
		Lease lease = pool.borrow();
		lease.close();
		lease.close();
		assertThat(pool.idle()).isOne();
		assertThatIllegalStateException().isThrownBy(lease::client);
	}

	@Test
	void rejectedLoginSurfacesWithTheServersReply() {
		FtpSessionPool pool = new FtpSessionPool(connection("wrong"),
				new PoolSettings(1, 0, 1, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1), NO_IDLE_CHECK));
		this.pools.add(pool);
		assertThatExceptionOfType(BackendLoginRefusedException.class).isThrownBy(pool::borrow)
			.withCauseInstanceOf(FtpPermanentException.class)
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
		assertThat(pool.active()).isZero();
	}

	@Test
	void unreachableServerSurfacesAsIOException() {
		FtpSessionPool pool = pool(1, Duration.ofSeconds(1), NO_IDLE_CHECK);
		this.ftp.server().stop();
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(IOException.class).isThrownBy(pool::borrow)
			.isNotInstanceOf(PoolExhaustedException.class));
		assertThat(pool.active()).isZero();
	}

	private FtpSessionPool pool(int maxTotal, Duration maxWait, Duration validateAfterIdle) {
		FtpSessionPool pool = new FtpSessionPool(connection(this.ftp.password()), new PoolSettings(maxTotal, 0,
				maxTotal, maxWait, Duration.ofHours(1), Duration.ofHours(1), validateAfterIdle));
		this.pools.add(pool);
		return pool;
	}

	private ConnectionSettings connection(String password) {
		Duration timeout = Duration.ofSeconds(5);
		return new ConnectionSettings(this.ftp.host(), this.ftp.port(), this.ftp.user(), password, true,
				StandardCharsets.UTF_8, timeout, timeout, timeout);
	}

}
