package dev.ftpgateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(10), this.clock);

	@Test
	void theFreeFailuresCostNothing() {
		failTimes(3);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isZero();
	}

	@Test
	void eachFailureBeyondTheFreeOnesDoublesTheShutOutUpToTheMaximum() {
		failTimes(4);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
		failTimes(1);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
		failTimes(2);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
		failTimes(1);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theShutOutEndsWithTime() {
		failTimes(4);
		this.clock.advance(Duration.ofMillis(400));
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isEqualTo(Duration.ofMillis(600));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isZero();
	}

	@Test
	void otherClientsAreNotSlowedDown() {
		failTimes(10);
		assertThat(this.throttle.remainingDelay("10.0.0.2")).isZero();
	}

	@Test
	void failuresAreForgottenAfterAQuietPeriod() {
		failTimes(3);
		this.clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
		failTimes(1);
		assertThat(this.throttle.remainingDelay("10.0.0.1")).isZero();
	}

	private void failTimes(int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed("10.0.0.1");
		}
	}

	/** A clock tests move by hand, so no test sleeps. */
	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2024-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
