package dev.ftpgateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.ftp.FtpPermanentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Sessions pooled per caller's login against an embedded MINA server with two users. */
class UserSessionPoolIT {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final FtpLogin ALICE = new FtpLogin("alice", "alice-secret");

	private static final FtpLogin BOB = new FtpLogin("bob", "bob-secret");

	@TempDir
	Path home;

	private EmbeddedFtpServer server;

	private UserSessionPool pool;

	@BeforeEach
	void startServer() {
		this.server = new EmbeddedFtpServer(this.home, "gateway", "secret").addUser(ALICE.user(), ALICE.password())
			.addUser(BOB.user(), BOB.password())
			.listenOn("127.0.0.1", 0)
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
	void aSessionIsLentAgainOnlyToTheLoginThatOpenedIt() throws IOException {
		this.pool = pool(4, 2);
		FtpClient alices;
		try (Lease lease = this.pool.borrow(ALICE)) {
			alices = lease.client();
		}
		try (Lease lease = this.pool.borrow(BOB)) {
			assertThat(lease.client()).isNotSameAs(alices);
		}
		try (Lease lease = this.pool.borrow(ALICE)) {
			assertThat(lease.client()).isSameAs(alices);
		}
	}

	@Test
	void theRightUserNameWithTheWrongPasswordGetsA530AndNoPooledSession() throws IOException {
		this.pool = pool(4, 2);
		this.pool.borrow(ALICE).close();
		FtpLogin guess = new FtpLogin(ALICE.user(), "guess");
		assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> this.pool.borrow(guess))
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
		assertThat(this.pool.sessions(ALICE)).isOne();
		assertThat(this.pool.sessions(guess)).isZero();
	}

	@Test
	void verifyTrustsAPooledSessionWithoutLoggingInAgain() throws IOException {
		this.pool = pool(4, 2);
		this.pool.borrow(ALICE).close();
		this.server.stop();
		// No new login is needed while a session opened with the same login is pooled.
		this.pool.verify(ALICE);
		assertThat(this.pool.sessions(ALICE)).isOne();
	}

	@Test
	void oneUserAtTheirCapWaitsWhileAnotherUserIsServed() throws IOException {
		this.pool = pool(4, 1);
		try (Lease held = this.pool.borrow(ALICE)) {
			assertTimeoutPreemptively(BOUND,
					() -> assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(() -> this.pool.borrow(ALICE)));
			try (Lease bobs = this.pool.borrow(BOB)) {
				assertThat(bobs.client().noop()).startsWith("200");
			}
		}
	}

	@Test
	void atTheOverallCapIdleSessionsOfOtherUsersMakeRoom() throws IOException {
		this.pool = pool(2, 2);
		Lease first = this.pool.borrow(ALICE);
		Lease second = this.pool.borrow(ALICE);
		first.close();
		second.close();
		try (Lease bobs = assertTimeoutPreemptively(BOUND, () -> this.pool.borrow(BOB))) {
			assertThat(bobs.client().pwd()).isEqualTo("/");
			assertThat(this.pool.active() + this.pool.idle()).isLessThanOrEqualTo(2);
		}
	}

	@Test
	void aCallersSessionListsTheWayTheGatewaysSettingsSay() throws IOException {
		List<String> verbs = new CopyOnWriteArrayList<>();
		FtpEventListener recorder = new FtpEventListener() {
			@Override
			public void commandCompleted(String verb, int replyCode, Duration elapsed) {
				verbs.add(verb);
			}
		};
		ConnectionSettings listWithList = new ConnectionSettings(this.server.host(), this.server.port(), "ignored",
				"ignored", true, StandardCharsets.UTF_8, BOUND, BOUND, BOUND, TlsSettings.NONE, Duration.ZERO, false);
		this.pool = new UserSessionPool(listWithList, poolSettings(2), 1, 1, recorder);
		try (Lease lease = this.pool.borrow(ALICE)) {
			assertThat(lease.client().features()).containsKey("MLST");
			lease.client().list("/");
		}
		assertThat(verbs).contains("LIST").doesNotContain("MLSD");
	}

	@Test
	void aLoginIsCheckedOutsideThePoolEvenWhenEverySessionIsLent() throws IOException {
		this.pool = pool(1, 1);
		try (Lease alices = this.pool.borrow(ALICE)) {
			assertTimeoutPreemptively(BOUND, () -> this.pool.verify(BOB));
			assertThat(this.pool.isPooled(BOB)).as("checked, not pooled").isFalse();
			assertThat(this.pool.active()).isEqualTo(1);
		}
	}

	@Test
	void aRefusedLoginLeavesNothingInThePool() {
		this.pool = pool(2, 2);
		assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> this.pool.verify(new FtpLogin("alice", "guess")))
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
		assertThat(this.pool.active() + this.pool.idle()).isZero();
	}

	@Test
	void loginsNeverShowTheirPassword() {
		assertThat(ALICE.toString()).contains("alice").doesNotContain("alice-secret");
	}

	private UserSessionPool pool(int maxTotal, int maxPerUser) {
		ConnectionSettings connection = new ConnectionSettings(this.server.host(), this.server.port(), "ignored",
				"ignored", true, StandardCharsets.UTF_8, BOUND, BOUND, BOUND);
		return new UserSessionPool(connection, poolSettings(maxTotal), maxPerUser, 1, FtpEventListener.NONE);
	}

	private static PoolSettings poolSettings(int maxTotal) {
		return new PoolSettings(maxTotal, 0, maxTotal, Duration.ofMillis(300), Duration.ofHours(1),
				Duration.ofHours(1), Duration.ofHours(1));
	}

}
