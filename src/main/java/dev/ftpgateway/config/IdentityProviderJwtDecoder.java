package dev.ftpgateway.config;

import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder for the identity provider's tokens: RS256 signatures checked against its
 * JWKS URL, then expiry (60 s skew), issuer and audience.
 * <p>
 * Key rotation needs nothing more: Spring's JWK source fetches the set again when a token names
 * a key id it has not seen, so tokens signed with a newly published key are accepted at once.
 */
final class IdentityProviderJwtDecoder {

	private IdentityProviderJwtDecoder() {
	}

	static JwtDecoder of(FtpGatewaySecurityProperties.Jwt settings) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.getJwkSetUri().toString()).build();
		String audience = settings.getAudience();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(settings.getIssuer()),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, (aud) -> aud != null && aud.contains(audience))));
		return decoder;
	}

}
