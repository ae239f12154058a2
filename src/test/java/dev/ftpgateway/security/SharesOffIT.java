package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.ftpgateway.files.RemotePath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Without ftp-gateway.shares.secret, share links are off: none can be made, none is accepted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharesOffIT extends SecuredGatewaySupport {

	@Test
	void makingALinkAnswers404SayingSharesAreOff() {
		String token = FakeIdentityProvider.sign(SIGNING_KEY, FakeIdentityProvider.claims("read share").build());
		HttpResponse<String> response = send(request("/shares").header("Authorization", bearer(token))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/readme.txt\", \"access\": \"read\", \"expiresIn\": \"PT1H\"}")));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("Share links are off", "ftp-gateway.shares.secret");
	}

	@Test
	void aLinkIsNoCredentialThen() {
		String link = new ShareTokens("any secret of at least 32 bytes ....".getBytes(StandardCharsets.UTF_8))
			.sign(new ShareGrant(RemotePath.ofDecoded("/readme.txt"), ShareGrant.Access.READ, Instant.now().plusSeconds(600)));
		assertThat(send(request("/files/readme.txt?share=" + link)).statusCode()).isEqualTo(401);
	}

}
