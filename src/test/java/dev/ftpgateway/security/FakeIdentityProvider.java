package dev.ftpgateway.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An identity provider for tests: WireMock on 127.0.0.1 serving a JWKS, and RSA keys that sign
 * tokens. Publishing a new key set stands for the provider rotating its keys.
 */
final class FakeIdentityProvider implements AutoCloseable {

	static final String ISSUER = "https://idp.test/realms/ftp";

	static final String AUDIENCE = "ftp-gateway";

	private static final String JWKS_PATH = "/protocol/openid-connect/certs";

	private final WireMockServer server = new WireMockServer(
			WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

	FakeIdentityProvider() {
		this.server.start();
	}

	String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.port() + JWKS_PATH;
	}

	/** Serves exactly these keys' public halves from now on. */
	void publish(RSAKey... keys) {
		List<JWK> published = new ArrayList<>();
		for (RSAKey key : keys) {
			published.add(key.toPublicJWK());
		}
		this.server.stubFor(WireMock.get(JWKS_PATH).willReturn(WireMock.okJson(new JWKSet(published).toString())));
	}

	/** How often the gateway fetched the key set. */
	int fetches() {
		return this.server.countRequestsMatching(WireMock.getRequestedFor(WireMock.urlEqualTo(JWKS_PATH)).build())
			.getCount();
	}

	static RSAKey newKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Claims of a valid token: this issuer and audience, an hour to live, and {@code scope}. */
	static JWTClaimsSet.Builder claims(String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject("carol")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.claim("scope", scope);
	}

	static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
