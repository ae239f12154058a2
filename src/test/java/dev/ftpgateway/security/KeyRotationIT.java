package dev.ftpgateway.security;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key the identity provider publishes is trusted once the key set may be fetched again: with
 * a short refresh interval here, so the test waits briefly instead of the default 30 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ftp-gateway.security.jwt.key-set-refresh-interval=200ms")
class KeyRotationIT extends SecuredGatewaySupport {

	private static final int TRIES = 50;

	private static final long PAUSE_MILLIS = 100;

	@Test
	void aTokenSignedWithANewlyPublishedKeyIsAcceptedAfterRotation() throws InterruptedException {
		RSAKey rotated = FakeIdentityProvider.newKey("key-2");
		String token = FakeIdentityProvider.sign(rotated, FakeIdentityProvider.claims("read").build());
		assertThat(send(request("/files/readme.txt").header("Authorization", bearer(token))).statusCode())
			.as("before the provider publishes the key")
			.isEqualTo(401);
		IDP.publish(SIGNING_KEY, rotated);
		int fetches = IDP.fetches();
		int status = 0;
		for (int i = 0; i < TRIES && status != 200; i++) {
			Thread.sleep(PAUSE_MILLIS);
			status = send(request("/files/readme.txt").header("Authorization", bearer(token))).statusCode();
		}
		assertThat(status).isEqualTo(200);
		assertThat(IDP.fetches()).as("the unknown key id made the gateway fetch the key set again").isGreaterThan(fetches);
	}

}
