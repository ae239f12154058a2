package dev.ftpgateway.security;

import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller authenticated by the gateway itself (an API key): a name for the logs and the scopes
 * granted, on every server or on some. Holds no secret, so nothing needs erasing.
 */
final class ScopedAuthentication extends AbstractAuthenticationToken {

	private final String name;

	/** A caller with {@code scopes} on {@code servers}, or on every server when that is empty. */
	ScopedAuthentication(String name, Set<FtpScope> scopes, Set<String> servers) {
		super(scopes.stream().flatMap((scope) -> scope.grantedAuthorities(servers).stream()).toList());
		this.name = name;
		setAuthenticated(true);
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

}
