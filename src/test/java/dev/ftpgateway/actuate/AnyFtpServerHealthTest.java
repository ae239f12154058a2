package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Readiness over several servers: up while any answers, and never held up by one that hangs. */
class AnyFtpServerHealthTest {

	private static final Duration WAIT = Duration.ofMillis(300);

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final CountDownLatch hangs = new CountDownLatch(1);

	private final AtomicInteger hangingChecks = new AtomicInteger();

	private final HealthIndicator hanging = () -> {
		this.hangingChecks.incrementAndGet();
		try {
			this.hangs.await(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Health.up().build();
	};

	private AnyFtpServerHealth health;

	@AfterEach
	void release() {
		this.hangs.countDown();
		if (this.health != null) {
			this.health.close();
		}
	}

	@Test
	void upWhileOneServerAnswersThoughAnotherIsDownAndAThirdHangs() {
		this.health = health(Map.of("a", () -> Health.up().build(), "b", () -> Health.down().build(), "c", this.hanging));
		Health result = assertTimeoutPreemptively(BOUND, () -> this.health.health());
		assertThat(result.getStatus()).isEqualTo(Status.UP);
		assertThat(result.getDetails()).containsEntry("servers", Map.of("a", "UP", "b", "DOWN", "c", "UNKNOWN"));
	}

	@Test
	void downWhenNoServerAnswersInTime() {
		this.health = health(Map.of("b", () -> Health.down().build(), "c", this.hanging));
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.health.health()).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aProbeWhileAServersCheckStillRunsWaitsForThatCheckRatherThanStartingAnother() {
		this.health = health(Map.of("c", this.hanging));
		for (int probe = 0; probe < 3; probe++) {
			assertThat(assertTimeoutPreemptively(BOUND, () -> this.health.health()).getStatus()).isEqualTo(Status.DOWN);
		}
		assertThat(this.hangingChecks).hasValue(1);
	}

	private static AnyFtpServerHealth health(Map<String, HealthIndicator> servers) {
		return new AnyFtpServerHealth(new LinkedHashMap<>(servers), WAIT);
	}

}
