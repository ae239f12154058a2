package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessed passwords are slowed down per client address and per user name before they reach the
 * FTP server, and valid credentials of other kinds are never held back. The test client stands
 * in for a trusted reverse proxy, so each test names its own client address in X-Forwarded-For.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "ftp-gateway.security.login-throttle.free-failures=2",
		"ftp-gateway.security.login-throttle.max-delay=30s", "ftp-gateway.security.trusted-proxies=127.0.0.1" })
class LoginThrottleIT extends SecuredGatewaySupport {

	private static final int FREE = 2;

	private static final int PARALLEL_GUESSES = 60;

	@Test
	void repeatedWrongPasswordsAreSlowedDownWithoutFurtherLoginAttempts() {
		String client = "203.0.113.1";
		assertThat(guessUntilShutOut(client, "alice")).startsWith(401, 401).endsWith(429);
		int connections = COUNTER.connections();
		HttpResponse<String> shutOut = send(from(client).header("Authorization", basic("alice", "alice-secret")));
		assertThat(shutOut.statusCode()).as("even the right password waits").isEqualTo(429);
		assertThat(shutOut.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(shutOut.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(COUNTER.connections()).as("no login attempt while shut out").isEqualTo(connections);
		assertThat(send(request("/actuator/health/liveness")).statusCode()).as("requests without credentials still pass")
			.isEqualTo(200);
	}

	@Test
	void validApiKeysAndTokensFromAShutOutAddressAreServed() {
		String client = "203.0.113.2";
		assertThat(guessUntilShutOut(client, "mallory")).endsWith(429);
		assertThat(send(from(client).header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)).statusCode()).isEqualTo(200);
		String token = FakeIdentityProvider.sign(SIGNING_KEY, FakeIdentityProvider.claims("read").build());
		assertThat(send(from(client).header("Authorization", bearer(token))).statusCode()).isEqualTo(200);
	}

	@Test
	void aUserWithAPooledSessionIsServedFromAShutOutAddress() {
		String client = "203.0.113.3";
		assertThat(send(from(client).header("Authorization", basic("bob", "bob-secret"))).statusCode()).isEqualTo(200);
		assertThat(guessUntilShutOut(client, "trudy")).endsWith(429);
		assertThat(send(from(client).header("Authorization", basic("bob", "bob-secret"))).statusCode()).isEqualTo(200);
	}

	@Test
	void guessesAtOneUserFromRotatingAddressesAreSlowedDownToo() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10 && !statuses.contains(429); i++) {
			statuses.add(send(from("198.51.100." + i).header("Authorization", basic("victor", "guess-" + i))).statusCode());
		}
		assertThat(statuses).startsWith(401, 401).endsWith(429);
	}

	@Test
	void parallelGuessesReachTheFtpServerNoMoreOftenThanSequentialOnes() throws Exception {
		long passesBefore = passes();
		List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
		for (int i = 0; i < PARALLEL_GUESSES; i++) {
			HttpRequest guess = from("203.0.113.4").header("Authorization", basic("oscar", "guess-" + i)).build();
			guesses.add(this.http.sendAsync(guess, HttpResponse.BodyHandlers.ofString()));
		}
		// Meanwhile a user of another address logs in without waiting for a pooled session.
		assertThat(send(from("203.0.113.5").header("Authorization", basic("gateway", "gateway-secret"))).statusCode())
			.isEqualTo(200);
		for (CompletableFuture<HttpResponse<String>> guess : guesses) {
			assertThat(guess.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isIn(401, 429);
		}
		// The user's own login sent PASS twice: once to check it, once for the session pooled after.
		long guessed = passes() - passesBefore - 2;
		// The free attempts start a 1 s shut-out, far longer than the burst takes to arrive.
		assertThat(guessed).as("guessed passwords the FTP server was asked to check").isLessThanOrEqualTo(FREE);
	}

	private List<Integer> guessUntilShutOut(String client, String user) {
		List<Integer> statuses = new ArrayList<>();
		// Each attempt past the free ones doubles the shut-out (1 s, 2 s, 4 s...), so even a slow
		// machine meets a 429 within a few tries.
		for (int i = 0; i < 10 && !statuses.contains(429); i++) {
			statuses.add(send(from(client).header("Authorization", basic(user, "wrong-" + i))).statusCode());
		}
		return statuses;
	}

	private HttpRequest.Builder from(String client) {
		return request("/files/readme.txt").header(ClientAddresses.FORWARDED_FOR, client);
	}

	private static long passes() {
		return COUNTER.commands().stream().filter("PASS"::equals).count();
	}

}
