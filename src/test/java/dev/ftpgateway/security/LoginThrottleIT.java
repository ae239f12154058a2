package dev.ftpgateway.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that keeps failing is shut out with 429 before its credentials reach the FTP server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "ftp-gateway.security.login-throttle.free-failures=2",
		"ftp-gateway.security.login-throttle.max-delay=30s" })
class LoginThrottleIT extends SecuredGatewaySupport {

	@Test
	void repeatedWrongPasswordsAreSlowedDownWithoutFurtherLoginAttempts() {
		List<Integer> statuses = new ArrayList<>();
		// Each failure past the two free ones doubles the shut-out (1 s, 2 s, 4 s...), so even a
		// slow machine meets a 429 within a few tries.
		for (int i = 0; i < 10 && !statuses.contains(429); i++) {
			statuses.add(send(request("/files/").header("Authorization", basic("alice", "wrong-" + i))).statusCode());
		}
		assertThat(statuses).startsWith(401, 401, 401).endsWith(429);
		int connections = COUNTER.connections();
		HttpResponse<String> shutOut = send(request("/files/").header("Authorization", basic("alice", "alice-secret")));
		assertThat(shutOut.statusCode()).as("even the right password waits").isEqualTo(429);
		assertThat(shutOut.headers().firstValue("Retry-After")).hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(COUNTER.connections()).as("no login attempt while shut out").isEqualTo(connections);
		assertThat(send(request("/actuator/health/liveness")).statusCode()).as("requests without credentials still pass")
			.isEqualTo(200);
	}

}
