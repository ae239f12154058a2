package dev.ftpgateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a JWT's scopes onto {@link FtpScope}s: the configured claim (OAuth's {@code scope}
 * string by default, or a list such as Keycloak roles), values with the configured prefix
 * stripped, anything but read, write, delete and share ignored.
 */
public final class JwtScopes implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String claim;

	private final String prefix;

	/**
	 * @param claim the claim holding the scopes, as a space-separated string or a list
	 * @param prefix what each value starts with, e.g. {@code ftp:} for {@code ftp:read}; empty for none
	 */
	public JwtScopes(String claim, String prefix) {
		this.claim = claim;
		this.prefix = prefix;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String value : values(jwt.getClaim(this.claim))) {
			if (!value.startsWith(this.prefix)) {
				continue;
			}
			String name = value.substring(this.prefix.length());
			for (FtpScope scope : FtpScope.values()) {
				if (scope.value().equals(name)) {
					authorities.add(scope.grantedAuthority());
				}
			}
		}
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

	private static List<String> values(Object claim) {
		if (claim instanceof String text) {
			return List.of(text.trim().split("\\s+"));
		}
		if (claim instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

}
