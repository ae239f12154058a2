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
		assertThat(authorities(new JwtScopes("scope", "", ""), jwt)).containsExactly("SCOPE_read", "SCOPE_delete");
	}

	@Test
	void aListClaimWithAPrefixMapsPrefixedValues() {
		Jwt jwt = jwt("roles", List.of("ftp:write", "read", "ftp:owner"));
		assertThat(authorities(new JwtScopes("roles", "ftp:", ""), jwt)).containsExactly("SCOPE_write");
	}

	@Test
	void aTokenWithoutTheClaimGetsNoScope() {
		assertThat(authorities(new JwtScopes("scope", "", ""), jwt("other", "read"))).isEmpty();
	}

	@Test
	void aScopeNamingAServerAppliesToThatServerOnly() {
		Jwt jwt = jwt("scope", "read write:partner-a delete:");
		assertThat(authorities(new JwtScopes("scope", "", ""), jwt)).as("delete: names no server")
			.containsExactly("SCOPE_read", "SCOPE_write:partner-a");
		Jwt prefixed = jwt("roles", List.of("ftp:read:partner-b", "read:partner-c"));
		assertThat(authorities(new JwtScopes("roles", "ftp:", ""), prefixed)).containsExactly("SCOPE_read:partner-b");
	}

	@Test
	void theServersClaimLimitsScopesWithoutAServerToItsServers() {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("someone")
			.claim("scope", "read write:partner-c")
			.claim("ftp_servers", List.of("partner-a", "partner-b"))
			.build();
		assertThat(authorities(new JwtScopes("scope", "", "ftp_servers"), jwt))
			.containsExactlyInAnyOrder("SCOPE_read:partner-a", "SCOPE_read:partner-b", "SCOPE_write:partner-c");
		assertThat(authorities(new JwtScopes("scope", "", "ftp_servers"), jwt("scope", "read")))
			.as("a token without the claim: every server")
			.containsExactly("SCOPE_read");
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
