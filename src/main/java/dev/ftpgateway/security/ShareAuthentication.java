package dev.ftpgateway.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request made with a share link that covers it: {@link ShareAuthenticationFilter} creates one
 * only after checking the link's signature, expiry, path and method against this very request,
 * so the scope it carries never reaches beyond that request. Every share link counts as one
 * caller, {@value #CALLER}, for the shared FTP sessions ({@link CallerSessions}).
 */
final class ShareAuthentication extends AbstractAuthenticationToken {

	/** The name all share links are known by: together they are one caller. */
	static final String CALLER = "share-links";

	private final ShareGrant grant;

	ShareAuthentication(ShareGrant grant) {
		super(List.of(grant.access().scope().grantedAuthority()));
		this.grant = grant;
		setAuthenticated(true);
	}

	ShareGrant grant() {
		return this.grant;
	}

	@Override
	public String getName() {
		return CALLER;
	}

	/** The link is the credential, and it stays in the request it came with. */
	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return CALLER;
	}

}
