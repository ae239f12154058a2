package dev.ftpgateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a JWT's scopes onto {@link FtpScope}s: the configured claim (OAuth's {@code scope}
 * string by default, or a list such as Keycloak roles), values with the configured prefix
 * stripped, anything but read, write, delete and share ignored. A scope applies to every server
 * ({@code read}) or to the one it names ({@code read:partner-a}); with a servers claim
 * configured, a token that carries it has its scopes without a server on those servers only.
 */
public final class JwtScopes implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String claim;

	private final String prefix;

	private final String serversClaim;

	/**
	 * @param claim the claim holding the scopes, as a space-separated string or a list
	 * @param prefix what each value starts with, e.g. {@code ftp:} for {@code ftp:read}; empty for none
	 * @param serversClaim the claim listing the servers a token's scopes are for, as a string or a
	 *        list; empty for none, and a token without it has its scopes on every server
	 */
	public JwtScopes(String claim, String prefix, String serversClaim) {
		this.claim = claim;
		this.prefix = prefix;
		this.serversClaim = serversClaim;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Set<String> servers = this.serversClaim.isEmpty() ? Set.of() : Set.copyOf(values(jwt.getClaim(this.serversClaim)));
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (String value : values(jwt.getClaim(this.claim))) {
			if (!value.startsWith(this.prefix)) {
				continue;
			}
			String name = value.substring(this.prefix.length());
			int colon = name.indexOf(':');
			String scopeName = (colon < 0) ? name : name.substring(0, colon);
			for (FtpScope scope : FtpScope.values()) {
				if (!scope.value().equals(scopeName)) {
					continue;
				}
				String server = (colon < 0) ? null : name.substring(colon + 1);
				if (server == null) {
					authorities.addAll(scope.grantedAuthorities(servers));
				}
				else if (!server.isEmpty()) {
					authorities.add(new SimpleGrantedAuthority(scope.authority(server)));
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
