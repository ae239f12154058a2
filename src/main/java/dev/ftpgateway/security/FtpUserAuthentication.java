package dev.ftpgateway.security;

import java.util.Set;

import dev.ftpgateway.pool.FtpLogin;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller whose HTTP Basic credentials the FTP server accepted as its own login (pass-through).
 * Keeps the {@link FtpLogin}, password included, for the length of the request: the caller's
 * sessions are pooled under it. Requests are stateless, so it never outlives the request.
 */
final class FtpUserAuthentication extends AbstractAuthenticationToken {

	private final FtpLogin login;

	FtpUserAuthentication(FtpLogin login, Set<FtpScope> scopes) {
		super(scopes.stream().map(FtpScope::grantedAuthority).toList());
		this.login = login;
		setAuthenticated(true);
	}

	FtpLogin login() {
		return this.login;
	}

	@Override
	public String getName() {
		return this.login.user();
	}

	/** Not the password: it lives in {@link #login()}, which no serializer or log reaches. */
	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.login.user();
	}

}
