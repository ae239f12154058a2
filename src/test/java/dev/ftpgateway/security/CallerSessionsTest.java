package dev.ftpgateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.context.SecurityContextHolder;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpLogin;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.UserSessionPool;
import dev.ftpgateway.pool.WaitingPlace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which callers are lent the gateway's own sessions, whose view of the server (and the cache of
 * small files read through them) every caller shares.
 */
class CallerSessionsTest {

	private static final Duration SECOND = Duration.ofSeconds(1);

	/** Nothing listens here: no test borrows. */
	private static final ConnectionSettings NOWHERE = new ConnectionSettings("127.0.0.1", 9, "gateway", "pw", true,
			StandardCharsets.UTF_8, SECOND, SECOND, SECOND);

	private static final PoolSettings POOL = new PoolSettings(1, 0, 1, SECOND, Duration.ofMinutes(5),
			Duration.ofMinutes(5), Duration.ofHours(1));

	private final FtpSessionPool shared = new FtpSessionPool(NOWHERE, POOL);

	private final UserSessionPool users = new UserSessionPool(NOWHERE, POOL, 1, 1, FtpEventListener.NONE);

	@AfterEach
	void close() {
		SecurityContextHolder.clearContext();
		this.users.close();
		this.shared.close();
	}

	@Test
	void aCallerWhoLoggedInToTheFtpServerIsLentSessionsOfItsOwn() {
		signInAsAlice();
		assertThat(new CallerSessions(this.shared, this.users, 1, SECOND, 10).lendsShared()).isFalse();
	}

	@Test
	void everyOtherCallerIsLentTheGatewaysOwnSessions() {
		assertThat(new CallerSessions(this.shared, this.users, 1, SECOND, 10).lendsShared()).as("anonymous").isTrue();
		signInAsAlice();
		assertThat(new CallerSessions(this.shared, null, 1, SECOND, 10).lendsShared()).as("with pass-through off")
			.isTrue();
	}

	@Test
	void aRequestWaitingForAnothersCheckTakesOneOfTheWaitingPlacesUntilItGivesItBack() throws Exception {
		CallerSessions sessions = new CallerSessions(this.shared, this.users, 1, SECOND, 1);
		Optional<WaitingPlace> place = sessions.waitingPlace();
		assertThat(place).isPresent();
		assertThat(sessions.waitingPlace()).isEmpty();
		assertThatExceptionOfType(TooManyWaitingException.class).isThrownBy(sessions::borrow);
		place.get().close();
		assertThat(sessions.waitingPlace()).isPresent();
	}

	@Test
	void eachApiKeyBorrowsFromAShareOfItsOwnAndAllAnonymousCallersFromOne() {
		CallerSessions sessions = new CallerSessions(this.shared, null, 1, SECOND, 10);
		String anonymous = sessions.borrower();
		String reader = borrowerFor(sessions, "api-key:reader");
		String writer = borrowerFor(sessions, "api-key:writer");
		assertThat(borrowerFor(sessions, "api-key:reader")).isEqualTo(reader);
		assertThat(Set.of(anonymous, reader, writer)).hasSize(3);
		SecurityContextHolder.clearContext();
		assertThat(sessions.borrower()).isEqualTo(anonymous);
	}

	private static String borrowerFor(CallerSessions sessions, String apiKey) {
		SecurityContextHolder.getContext()
			.setAuthentication(new ScopedAuthentication(apiKey, Set.of(FtpScope.READ), Set.of()));
		return sessions.borrower();
	}

	private static void signInAsAlice() {
		SecurityContextHolder.getContext()
			.setAuthentication(new FtpUserAuthentication(new FtpLogin("alice", "secret"), "default", Set.of(FtpScope.READ)));
	}

}
