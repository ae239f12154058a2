package dev.ftpgateway.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class JwtScopesTest {

	@Test
	void aSpaceSeparatedScopeClaimMapsOnlyTheGatewayScopes() {
		Jwt jwt = jwt("scope", "openid read delete profile");
		assertThat(authorities(new JwtScopes("scope", ""), jwt)).containsExactly("SCOPE_read", "SCOPE_delete");
	}

	@Test
	void aListClaimWithAPrefixMapsPrefixedValues() {
		Jwt jwt = jwt("roles", List.of("ftp:write", "read", "ftp:admin"));
		assertThat(authorities(new JwtScopes("roles", "ftp:"), jwt)).containsExactly("SCOPE_write");
	}

	@Test
	void aTokenWithoutTheClaimGetsNoScope() {
		assertThat(authorities(new JwtScopes("scope", ""), jwt("other", "read"))).isEmpty();
	}

	private static List<String> authorities(JwtScopes scopes, Jwt jwt) {
		return scopes.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Jwt jwt(String claim, Object value) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("someone")
			.claim(claim, value)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

}
