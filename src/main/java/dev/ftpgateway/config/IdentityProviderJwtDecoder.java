package dev.ftpgateway.config;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.ftpgateway.security.RateLimitedJwkSetSource;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder for the identity provider's tokens: RS256 signatures checked against its
 * JWKS URL, then {@code exp} and {@code nbf} with Spring's 60 s of clock skew, issuer and
 * audience. A token without {@code exp} is refused unless {@code jwt.require-expiry=false}: Spring
 * accepts one, and it would stay valid for as long as its signing key does.
 * <p>
 * Key rotation needs nothing more: a token naming a key id the gateway has not seen makes it
 * fetch the set again, at most once per {@code key-set-refresh-interval} (see
 * {@link RateLimitedJwkSetSource}), so tokens signed with a newly published key are accepted
 * within that interval.
 */
final class IdentityProviderJwtDecoder {

	/** How long a fetched key set is used before it is fetched again, as Spring's own source does. */
	static final Duration KEY_SET_MAX_AGE = Duration.ofMinutes(5);

	/** Bounds each fetch: a hanging provider holds one request thread this long at most. */
	private static final int FETCH_TIMEOUT_MILLIS = 5_000;

	/** Key sets are a few KiB; a larger answer is not one. */
	private static final int FETCH_SIZE_LIMIT = 512 * 1024;

	private IdentityProviderJwtDecoder() {
	}

	static JwtDecoder of(FtpGatewaySecurityProperties.Jwt settings) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keySet(settings)).build();
		String audience = settings.getAudience();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(JwtValidators.createDefaultWithIssuer(settings.getIssuer()));
		validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, (aud) -> aud != null && aud.contains(audience)));
		if (settings.isRequireExpiry()) {
			validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	private static RateLimitedJwkSetSource keySet(FtpGatewaySecurityProperties.Jwt settings) {
		try {
			return new RateLimitedJwkSetSource(settings.getJwkSetUri().toURL(),
					new DefaultResourceRetriever(FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS, FETCH_SIZE_LIMIT),
					settings.getKeySetRefreshInterval(), KEY_SET_MAX_AGE, Clock.systemUTC());
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("ftp-gateway.security.jwt.jwk-set-uri is not a URL: " + settings.getJwkSetUri(),
					ex);
		}
	}

}
