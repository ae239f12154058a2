package dev.ftpgateway.security;

import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller authenticated by the gateway itself (an API key): a name for the logs and the scopes
 * granted. Holds no secret, so nothing needs erasing.
 */
final class ScopedAuthentication extends AbstractAuthenticationToken {

	private final String name;

	ScopedAuthentication(String name, Set<FtpScope> scopes) {
		super(scopes.stream().map(FtpScope::grantedAuthority).toList());
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
