package dev.ftpgateway.security;

import java.util.Set;

import dev.ftpgateway.pool.FtpLogin;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller whose HTTP Basic credentials an FTP server accepted as its own login (pass-through),
 * with its scopes on that server only: the login proves nothing on another. Keeps the
 * {@link FtpLogin}, password included, for the length of the request: the caller's sessions are
 * pooled under it. Requests are stateless, so it never outlives the request.
 */
final class FtpUserAuthentication extends AbstractAuthenticationToken {

	private final FtpLogin login;

	/**
	 * @param login the login the server accepted
	 * @param server the name of the server that accepted it
	 * @param scopes what the caller may do there
	 */
	FtpUserAuthentication(FtpLogin login, String server, Set<FtpScope> scopes) {
		super(scopes.stream().flatMap((scope) -> scope.grantedAuthorities(Set.of(server)).stream()).toList());
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
