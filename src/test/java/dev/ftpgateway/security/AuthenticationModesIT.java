package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.jwk.RSAKey;
import dev.ftpgateway.config.ServerSessions;
import dev.ftpgateway.pool.FtpLogin;
import dev.ftpgateway.pool.UserSessionPool;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every authentication mode end to end, over the same context as the hostile-request table. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticationModesIT extends SecuredGatewaySupport {

	UserSessionPool users;

	/** The pass-through sessions on the only server, the unnamed one. */
	@Autowired
	void users(ServerSessions sessions) {
		this.users = sessions.users().get("default");
	}

	@Test
	void anApiKeyReadsWithinItsScopes() {
		HttpResponse<String> response = send(request("/files/readme.txt").header(ApiKeyAuthenticationFilter.HEADER, READER_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(send(request("/files/readme.txt").header("Authorization", bearer(WRITER_KEY))).statusCode())
			.as("the same key as a static bearer token")
			.isEqualTo(200);
	}

	@Test
	void anAdminKeyWritesAndDeletes() {
		assertThat(send(request("/files/admin.txt").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
			.PUT(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(201);
		assertThat(send(request("/files/admin.txt").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY).DELETE())
			.statusCode()).isEqualTo(204);
	}

	@Test
	void resumableUploadsNeedTheWriteScopeAtCreationAndAtEveryPatch() {
		String metadata = "path " + Base64.getEncoder().encodeToString("/tus.txt".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> refused = send(request("/uploads").header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Length", "1")
			.header("Upload-Metadata", metadata)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
		HttpResponse<String> created = send(request("/uploads").header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Length", "1")
			.header("Upload-Metadata", metadata)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(send(request(location).header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(403);
		assertThat(send(request(location).header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(204);
		assertThat(send(request("/uploads").method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode())
			.as("OPTIONS only says what the server supports")
			.isEqualTo(204);
	}

	@Test
	void aJwtWithScopesReadsAndWrites() {
		String token = FakeIdentityProvider.sign(SIGNING_KEY, FakeIdentityProvider.claims("read write").build());
		assertThat(send(request("/files/jwt.txt").header("Authorization", bearer(token))
			.PUT(HttpRequest.BodyPublishers.ofString("from a JWT"))).statusCode()).isEqualTo(201);
		assertThat(send(request("/files/jwt.txt").header("Authorization", bearer(token))).body()).isEqualTo("from a JWT");
	}

	@Test
	void forgedKeyIdsFetchTheKeySetAtMostOncePerInterval() {
		String valid = FakeIdentityProvider.sign(SIGNING_KEY, FakeIdentityProvider.claims("read").build());
		assertThat(send(request("/files/readme.txt").header("Authorization", bearer(valid))).statusCode()).isEqualTo(200);
		RSAKey unpublished = FakeIdentityProvider.newKey("unpublished");
		int fetches = IDP.fetches();
		for (int i = 0; i < 100; i++) {
			RSAKey forged = new RSAKey.Builder(unpublished).keyID("forged-" + i).build();
			String token = FakeIdentityProvider.sign(forged, FakeIdentityProvider.claims("read").build());
			assertThat(send(request("/files/readme.txt").header("Authorization", bearer(token))).statusCode())
				.isEqualTo(401);
		}
		assertThat(IDP.fetches() - fetches).as("key set fetches for 100 unknown key ids within the 30 s interval")
			.isLessThanOrEqualTo(1);
		assertThat(send(request("/files/readme.txt").header("Authorization", bearer(valid))).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
		String token = FakeIdentityProvider.sign(SIGNING_KEY,
				FakeIdentityProvider.claims("read")
					.issueTime(Date.from(Instant.now().minusSeconds(600)))
					.expirationTime(Date.from(Instant.now().minusSeconds(30)))
					.build());
		assertThat(send(request("/files/readme.txt").header("Authorization", bearer(token))).statusCode()).isEqualTo(200);
	}

	@Test
	void aPassThroughUserWorksAsThemselves() {
		HttpResponse<String> put = send(request("/files/alice.txt").header("Authorization", basic("alice", "alice-secret"))
			.PUT(HttpRequest.BodyPublishers.ofString("mine")));
		assertThat(put.statusCode()).isEqualTo(201);
		assertThat(this.users.sessions(new FtpLogin("alice", "alice-secret"))).isPositive();
	}

	@Test
	void aWrongPasswordIs401WithABasicChallengeAndNeverGetsTheRightOnesSession() {
		assertThat(send(request("/files/").header("Authorization", basic("bob", "bob-secret"))).statusCode()).isEqualTo(200);
		HttpResponse<String> guess = send(request("/files/").header("Authorization", basic("bob", "guess")));
		assertThat(guess.statusCode()).isEqualTo(401);
		assertThat(guess.headers().allValues("WWW-Authenticate")).anyMatch((value) -> value.startsWith("Basic "));
		assertThat(guess.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(guess.body()).doesNotContain("guess");
		assertThat(this.users.sessions(new FtpLogin("bob", "guess"))).isZero();
	}

	@Test
	void usersNeverShareSessions() {
		send(request("/files/").header("Authorization", basic("alice", "alice-secret")));
		send(request("/files/").header("Authorization", basic("bob", "bob-secret")));
		assertThat(this.users.sessions(new FtpLogin("alice", "alice-secret"))).isPositive();
		assertThat(this.users.sessions(new FtpLogin("bob", "bob-secret"))).isPositive();
		assertThat(COUNTER.commands()).contains("USER");
	}

	@Test
	void healthIsOpenForProbes() {
		assertThat(send(request("/actuator/health/liveness")).statusCode()).isEqualTo(200);
	}

	@Test
	void metricsNeedCredentials() {
		assertThat(send(request("/actuator/prometheus")).statusCode()).isEqualTo(401);
		assertThat(send(request("/actuator/prometheus").header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void theApiDescriptionNamesARelativeServerWhateverHostTheRequestNames() {
		String response = rawResponse("GET /v3/api-docs HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").doesNotContain("evil.test").contains("\"servers\":[{\"url\":\"/\"");
	}

	@Test
	void theApiDescriptionNamesEverySecurityScheme() {
		String docs = send(request("/v3/api-docs")).body();
		assertThat(docs).contains("\"securitySchemes\"", "\"apiKey\"", "\"basic\"", "\"bearer\"", "X-API-Key");
	}

}
