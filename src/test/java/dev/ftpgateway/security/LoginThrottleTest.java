package dev.ftpgateway.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ftpgateway.testing.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LoginThrottleTest {

	private static final String ADDRESS = "10.0.0.1";

	private final MovableClock clock = new MovableClock(Instant.parse("2024-01-01T00:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(10), 2, this.clock);

	@Test
	void theFreeAttemptsCostNothingAndTheNextWaits() {
		failTimes(2, ADDRESS, "alice");
		assertThatNoException().isThrownBy(() -> this.throttle.begin(ADDRESS, "alice").failed());
		assertThat(refusal(ADDRESS, "alice")).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void attemptsCountAsTheyStartSoParallelGuessesGetNoMoreThanSequentialOnes() {
		LoginThrottle wide = new LoginThrottle(3, Duration.ofSeconds(10), 100, this.clock);
		for (int i = 0; i < 3; i++) {
			wide.begin(ADDRESS, "alice");
		}
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> wide.begin(ADDRESS, "alice"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void eachAttemptBeyondTheFreeOnesDoublesTheShutOutUpToTheMaximum() {
		failTimes(3, ADDRESS, "alice");
		for (Duration expected : new Duration[] { Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
				Duration.ofSeconds(10), Duration.ofSeconds(10) }) {
			this.clock.advance(refusal(ADDRESS, "alice"));
			this.throttle.begin(ADDRESS, "alice").failed();
			assertThat(refusal(ADDRESS, "alice")).isEqualTo(expected);
		}
	}

	@Test
	void aUserNameIsThrottledWhateverAddressesTheGuessesComeFrom() {
		for (int i = 0; i < 3; i++) {
			this.throttle.begin("10.0.1." + i, "alice").failed();
		}
		assertThat(refusal("10.0.1.99", "alice")).isPositive();
		assertThat(refusal("10.0.1.99", "ALICE")).as("user names in any case").isPositive();
		assertThatNoException().isThrownBy(() -> this.throttle.begin("10.0.1.99", "bob"));
	}

	@Test
	void anAddressIsThrottledWhateverUserNamesItTries() {
		for (int i = 0; i < 3; i++) {
			this.throttle.begin(ADDRESS, "user" + i).failed();
		}
		assertThat(refusal(ADDRESS, "someone-else")).isPositive();
		assertThatNoException().isThrownBy(() -> this.throttle.begin("10.0.0.2", "someone-else"));
	}

	@Test
	void concurrentAttemptsPerAddressAndPerUserAreCapped() {
		LoginThrottle patient = new LoginThrottle(100, Duration.ofSeconds(10), 2, this.clock);
		LoginThrottle.Attempt first = patient.begin(ADDRESS, "alice");
		patient.begin(ADDRESS, "bob");
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> patient.begin(ADDRESS, "carol"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(LoginThrottle.BUSY_RETRY));
		patient.begin("10.0.0.2", "alice");
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> patient.begin("10.0.0.3", "alice"));
		first.failed();
		assertThatNoException().isThrownBy(() -> patient.begin("10.0.0.3", "alice"));
	}

	@Test
	void aSuccessfulLoginGivesItsCountBack() {
		failTimes(2, ADDRESS, "alice");
		this.throttle.begin(ADDRESS, "alice").succeeded();
		assertThatNoException().isThrownBy(() -> this.throttle.begin(ADDRESS, "alice").failed());
	}

	@Test
	void theShutOutEndsWithTime() {
		failTimes(3, ADDRESS, "alice");
		this.clock.advance(Duration.ofMillis(400));
		assertThat(refusal(ADDRESS, "alice")).isEqualTo(Duration.ofMillis(600));
		this.clock.advance(Duration.ofMillis(600));
		assertThatNoException().isThrownBy(() -> this.throttle.begin(ADDRESS, "alice"));
	}

	@Test
	void attemptsAreForgottenAfterAQuietPeriod() {
		failTimes(2, ADDRESS, "alice");
		this.clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
		failTimes(2, ADDRESS, "alice");
		assertThatNoException().isThrownBy(() -> this.throttle.begin(ADDRESS, "alice"));
	}

	private void failTimes(int times, String address, String user) {
		for (int i = 0; i < times; i++) {
			this.throttle.begin(address, user).failed();
		}
	}

	private Duration refusal(String address, String user) {
		try {
			this.throttle.begin(address, user).failed();
			return Duration.ZERO;
		}
		catch (LoginThrottledException ex) {
			return ex.retryAfter();
		}
	}

}
