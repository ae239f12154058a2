package dev.ftpgateway.pool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** How a refused login holds further logins back and how the wait grows, with time passed in as a value. */
class LoginBackoffTest {

	private static final Duration INITIAL = Duration.ofMinutes(1);

	private static final Duration MAX = Duration.ofMinutes(5);

	private static final ConnectionSettings SETTINGS = new ConnectionSettings("ftp.example.org", 2121, "gateway",
			"pa55word", true, StandardCharsets.UTF_8, Duration.ofSeconds(1), Duration.ofSeconds(1),
			Duration.ofSeconds(1));

	private static final FtpPermanentException REFUSAL = new FtpPermanentException(
			new Reply(530, List.of("530 Login incorrect.")));

	private long now;

	private final LoginBackoff backoff = new LoginBackoff(SETTINGS, INITIAL, MAX, () -> this.now);

	@Test
	void loginsGoAheadUntilOneIsRefused() {
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
	}

	@Test
	void refusalSaysForWhomWhereAndWhenTheNextAttemptComesButNeverThePassword() {
		BackendLoginRefusedException refused = this.backoff.refused(REFUSAL);
		assertThat(refused).hasMessage("The FTP server refused the gateway's login as gateway@ftp.example.org:2121"
				+ " (530 Login incorrect.); next login attempt in 1m")
			.hasMessageNotContaining("pa55word");
		assertThat(refused.replyCode()).isEqualTo(530);
		assertThat(refused.replyText()).isEqualTo("530 Login incorrect.");
		assertThat(refused.retryIn()).isEqualTo(INITIAL);
	}

	@Test
	void afterARefusalLoginsFailAtOnceUntilTheBackoffHasPassed() {
		this.backoff.refused(REFUSAL);
		this.now += INITIAL.toNanos() - Duration.ofSeconds(15).toNanos();
		assertThatExceptionOfType(BackendLoginRefusedException.class).isThrownBy(this.backoff::beforeLogin)
			.withMessageEndingWith("next login attempt in 15s")
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(530));
		this.now += Duration.ofSeconds(15).toNanos();
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
	}

	@Test
	void onlyOneCallerTriesPerInterval() {
		this.backoff.refused(REFUSAL);
		this.now += INITIAL.toNanos();
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
		assertThatExceptionOfType(BackendLoginRefusedException.class).isThrownBy(this.backoff::beforeLogin);
	}

	@Test
	void eachFurtherRefusalDoublesTheWaitUpToTheCap() {
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waits.add(this.backoff.refused(REFUSAL).retryIn());
			this.now += waits.get(i).toNanos();
		}
		assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), MAX,
				MAX);
	}

	@Test
	void aLoginThatWorksEndsTheBackoff() {
		this.backoff.refused(REFUSAL);
		this.backoff.refused(REFUSAL);
		this.now += Duration.ofMinutes(2).toNanos();
		this.backoff.loggedIn();
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
		assertThatNoException().isThrownBy(this.backoff::beforeLogin);
		assertThat(this.backoff.refused(REFUSAL).retryIn()).as("starts over").isEqualTo(INITIAL);
	}

}
