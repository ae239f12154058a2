package dev.ftpgateway.security;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests over real HTTP, each with the exact status it must get and whether it may
 * reach the FTP server at all: those refused early must not open a connection or send a command.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsIT extends SecuredGatewaySupport {

	private static final boolean REFUSED_EARLY = false;

	private static final boolean REACHES_FTP = true;

	private static final String EXPIRED = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("read")
				.issueTime(Date.from(Instant.now().minusSeconds(7200)))
				.expirationTime(Date.from(Instant.now().minusSeconds(3600)))
				.build());

	/** Signed by a key the provider never published, under the published key's id. */
	private static final String FORGED = FakeIdentityProvider.sign(FakeIdentityProvider.newKey("key-1"),
			FakeIdentityProvider.claims("read write delete").build());

	private static final String UNSIGNED = new PlainJWT(FakeIdentityProvider.claims("read write delete").build())
		.serialize();

	private static final String SYMMETRIC = hs256(FakeIdentityProvider.claims("read write delete").build());

	private static final String WRONG_ISSUER = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("read").issuer("https://evil.test").build());

	private static final String WRONG_AUDIENCE = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("read").audience("another-service").build());

	private static final String NO_EXPIRY = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("read write delete").expirationTime(null).build());

	private static final String EXPIRED_BEYOND_THE_SKEW = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("read")
				.issueTime(Date.from(Instant.now().minusSeconds(600)))
				.expirationTime(Date.from(Instant.now().minusSeconds(90)))
				.build());

	private static final String READ_ONLY = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("openid read").build());

	private static final String NO_SCOPE = FakeIdentityProvider.sign(SIGNING_KEY,
			FakeIdentityProvider.claims("openid profile").build());

	static Stream<Arguments> hostileRequests() {
		return Stream.of(
				// Traversal and encoding tricks, with credentials that could do anything.
				row("encoded slashes climbing out", 400, REFUSED_EARLY, (t) -> t.admin("/files/..%2F..%2Fetc%2Fpasswd")),
				row("encoded dot segments", 400, REFUSED_EARLY, (t) -> t.admin("/files/%2e%2e/%2e%2e/etc/passwd")),
				row("upper-case encoded dots below a folder", 400, REFUSED_EARLY, (t) -> t.admin("/files/a/%2E%2E/%2E%2E/x")),
				row("double-encoded dots", 400, REFUSED_EARLY, (t) -> t.admin("/files/%252e%252e/%252e%252e/etc/passwd")),
				row("double-encoded slashes", 400, REFUSED_EARLY, (t) -> t.admin("/files/..%252f..%252fetc%252fpasswd")),
				row("double-encoded backslashes", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%255c..%255c..%255cx")),
				row("overlong UTF-8 dots", 400, REFUSED_EARLY, (t) -> t.admin("/files/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd")),
				row("encoded backslashes", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%5C..%5C..%5Cx")),
				row("NUL in a name", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%00b")),
				row("CRLF and an FTP command in the path", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%0D%0ADELE%20readme.txt")),
				row("tab in a name", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%09b")),
				row("raw semicolon, a path parameter", 400, REFUSED_EARLY, (t) -> t.admin("/files/a;b.txt")),
				row("encoded dot in a name", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%2Eb")),
				row("raw double slash", 400, REFUSED_EARLY, (t) -> t.admin("/files//readme.txt")),
				row("encoded double slash", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%2F%2Fb")),
				row("Unicode line separator in a name", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%E2%80%A8b")),
				row("DEL in a name", 400, REFUSED_EARLY, (t) -> t.admin("/files/a%7Fb")),
				row("raw backslash", 400, REFUSED_EARLY, (t) -> t.raw("GET /files/a\\b HTTP/1.1\r\nHost: x\r\nX-API-Key: " + ADMIN_KEY
						+ "\r\nConnection: close\r\n\r\n")),
				row("DELETE of a name with CRLF", 400, REFUSED_EARLY, (t) -> t.status(t.request("/files/a%0d%0ab").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
							.DELETE())),
				row("a 300-byte name", 400, REFUSED_EARLY, (t) -> t.admin("/files/" + "a".repeat(300))),
				row("raw dot segments no client sends", 400, REFUSED_EARLY,
						(t) -> t.raw("GET /files/../../etc/passwd HTTP/1.1\r\nHost: x\r\nX-API-Key: " + ADMIN_KEY
								+ "\r\nConnection: close\r\n\r\n")),
				row("move out of the root", 400, REFUSED_EARLY,
						(t) -> t.adminPost("/files/readme.txt?moveTo=/../../etc/x")),
				row("move target with CRLF and a command", 400, REFUSED_EARLY,
						(t) -> t.adminPost("/files/readme.txt?moveTo=/a%0D%0ADELE%20readme.txt")),
				row("move target double-encoded", 400, REFUSED_EARLY,
						(t) -> t.adminPost("/files/readme.txt?moveTo=/%252e%252e/x")),
				row("upload name with LF and STOR", 400, REFUSED_EARLY,
						(t) -> t.status(t.request("/files/a%0ASTOR%20x").header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
							.PUT(HttpRequest.BodyPublishers.ofString("x")))),
				// Missing, unknown and broken credentials.
				row("no credentials", 401, REFUSED_EARLY, (t) -> t.status(t.request("/files/"))),
				row("unknown API key", 401, REFUSED_EARLY, (t) -> t.withHeader(ApiKeyAuthenticationFilter.HEADER, "guess")),
				row("unknown static bearer token", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer("guess"))),
				row("expired JWT", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(EXPIRED))),
				row("JWT without expiry", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(NO_EXPIRY))),
				row("JWT expired 90 s ago, past the 60 s clock skew", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", bearer(EXPIRED_BEYOND_THE_SKEW))),
				row("two X-API-Key headers, an unknown one first", 401, REFUSED_EARLY,
						(t) -> t.status(t.request("/files/readme.txt").header(ApiKeyAuthenticationFilter.HEADER, "guess")
							.header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY))),
				row("two X-API-Key headers, a valid one first", 401, REFUSED_EARLY,
						(t) -> t.status(t.request("/files/readme.txt").header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)
							.header(ApiKeyAuthenticationFilter.HEADER, "guess"))),
				row("JWT signed by an unpublished key", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(FORGED))),
				row("unsigned JWT (alg none)", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(UNSIGNED))),
				row("HS256 JWT", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(SYMMETRIC))),
				row("JWT from another issuer", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(WRONG_ISSUER))),
				row("JWT for another audience", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", bearer(WRONG_AUDIENCE))),
				row("garbage bearer token shaped like a JWT", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", bearer("a.b.c"))),
				row("Basic that is not base64", 401, REFUSED_EARLY, (t) -> t.withHeader("Authorization", "Basic !!!")),
				row("Basic without a colon", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("alice".getBytes()))),
				row("Basic user name with CRLF and an FTP command", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", basic("alice\r\nDELE readme.txt", "x"))),
				row("Basic password with NUL", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", basic("alice", "alice-secret\0"))),
				row("pass-through as the FTP server's anonymous user", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", basic("anonymous", "guest@example.org"))),
				row("pass-through as ftp, the other anonymous name, in capitals", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", basic("FTP", "guest"))),
				row("Basic password with LF and an FTP command", 401, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", basic("alice", "x\nDELE readme.txt"))),
				// Valid credentials, wrong scope.
				row("read-only key uploads", 403, REFUSED_EARLY, (t) -> t.status(t.request("/files/x.txt")
					.header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)
					.PUT(HttpRequest.BodyPublishers.ofString("x")))),
				row("read-only key moves", 403, REFUSED_EARLY, (t) -> t.status(t.request("/files/readme.txt?moveTo=/y.txt")
					.header(ApiKeyAuthenticationFilter.HEADER, READER_KEY)
					.POST(HttpRequest.BodyPublishers.noBody()))),
				row("writer key deletes", 403, REFUSED_EARLY, (t) -> t.status(t.request("/files/readme.txt")
					.header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
					.DELETE())),
				row("read-only JWT uploads", 403, REFUSED_EARLY, (t) -> t.status(t.request("/files/x.txt")
					.header("Authorization", bearer(READ_ONLY))
					.PUT(HttpRequest.BodyPublishers.ofString("x")))),
				row("JWT without gateway scopes reads", 403, REFUSED_EARLY,
						(t) -> t.withHeader("Authorization", bearer(NO_SCOPE))),
				// Limits and endpoints that are not for the public.
				row("upload over the size limit", 413, REFUSED_EARLY, (t) -> t.status(t.request("/files/big.bin")
					.header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
					.PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])))),
				// Without a Content-Length the limit can only trip while the body streams to the server.
				row("streamed upload over the size limit", 413, REACHES_FTP, (t) -> t.status(t.request("/files/big.bin")
					.header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
					.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64_000]))))),
				row("20 KB header", 431, REFUSED_EARLY,
						(t) -> t.raw("GET /files/ HTTP/1.1\r\nHost: x\r\nX-API-Key: " + ADMIN_KEY + "\r\nX-Junk: "
								+ "j".repeat(20_000) + "\r\nConnection: close\r\n\r\n")),
				row("header split by a bare CRLF into an FTP-looking line", 400, REFUSED_EARLY,
						(t) -> t.raw("GET /files/readme.txt HTTP/1.1\r\nHost: x\r\nX-API-Key: " + ADMIN_KEY
								+ "\r\nRange: bytes=0-1\r\nDELE readme.txt\r\nConnection: close\r\n\r\n")),
				row("metrics without credentials", 401, REFUSED_EARLY, (t) -> t.status(t.request("/actuator/prometheus"))),
				row("unexposed actuator endpoint with credentials", 404, REFUSED_EARLY, (t) -> t.admin("/actuator/env")),
				// These must reach the FTP server: only it can tell a wrong password.
				row("pass-through with a wrong password", 401, REACHES_FTP,
						(t) -> t.withHeader("Authorization", basic("alice", "wrong"))),
				row("pass-through as an unknown user", 401, REACHES_FTP,
						(t) -> t.withHeader("Authorization", basic("mallory", "x"))));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("hostileRequests")
	void hostileRequestGetsExactlyItsStatus(String name, int status, boolean reachesFtp, Call call) {
		int connectionsBefore = COUNTER.connections();
		List<String> commandsBefore = COUNTER.commands();
		assertThat(call.applyAsInt(this)).as(name).isEqualTo(status);
		if (!reachesFtp) {
			assertThat(COUNTER.commands()).as("FTP commands caused by: " + name).isEqualTo(commandsBefore);
			assertThat(COUNTER.connections()).as("FTP connections caused by: " + name).isEqualTo(connectionsBefore);
		}
	}

	private static Arguments row(String name, int status, boolean reachesFtp, Call call) {
		return Arguments.of(name, status, reachesFtp, call);
	}

	int status(HttpRequest.Builder request) {
		return send(request).statusCode();
	}

	int admin(String rawPath) {
		return withHeader(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY, rawPath);
	}

	int adminPost(String rawPathAndQuery) {
		return status(request(rawPathAndQuery).header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	int withHeader(String header, String value) {
		return withHeader(header, value, "/files/readme.txt");
	}

	private int withHeader(String header, String value, String rawPath) {
		HttpResponse<String> response = send(request(rawPath).header(header, value));
		return response.statusCode();
	}

	private static String hs256(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims);
			jwt.sign(new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One hostile request, sent by the running test. */
	interface Call extends ToIntFunction<HostileRequestsIT> {

	}

}
