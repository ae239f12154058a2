package dev.ftpgateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.ftpgateway.files.RemotePath;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Signs share links for the caller of the current request. The {@code share} scope lets a caller
 * hand out links at all ({@code POST /shares} asks for it); each link also needs the scope it
 * grants, so nobody shares more than they may do themselves. Links cover paths on the default
 * server, so that is where the caller needs the scopes.
 * <p>
 * A link is served with the gateway's own FTP login, like API keys and JWTs, so pass-through
 * callers cannot share: their access is their FTP account's, which the gateway's login does not
 * necessarily match.
 */
public final class ShareIssuer {

	private final ShareTokens tokens;

	private final Clock clock;

	private final Optional<String> defaultServer;

	/**
	 * @param tokens what signs the links
	 * @param clock where expiry times start from
	 * @param defaultServer the server {@code /files} serves, whose paths the links cover
	 */
	public ShareIssuer(ShareTokens tokens, Clock clock, Optional<String> defaultServer) {
		this.tokens = tokens;
		this.clock = clock;
		this.defaultServer = defaultServer;
	}

	/**
	 * A link granting {@code access} to {@code path} for {@code expiresIn} from now.
	 * @throws ShareRefusedException when the caller lacks the scope the link grants, or is a
	 *         pass-through login
	 */
	public SignedLink issue(RemotePath path, ShareGrant.Access access, Duration expiresIn) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller instanceof FtpUserAuthentication) {
			throw new ShareRefusedException("Share links are served with the gateway's own FTP login, so a "
					+ "pass-through login cannot hand out access; use an API key or a JWT with the 'share' scope");
		}
		if (caller == null || !ServerAccess.grants(caller.getAuthorities(), access.scope(), this.defaultServer)) {
			throw new ShareRefusedException("A " + access.value() + " share link needs the '" + access.scope().value()
					+ "' scope as well as '" + FtpScope.SHARE.value() + "'");
		}
		ShareGrant grant = new ShareGrant(path, access, this.clock.instant().plus(expiresIn));
		return new SignedLink(this.tokens.sign(grant), grant);
	}

	/**
	 * A signed link.
	 * @param token the value of the link's {@value ShareAuthenticationFilter#PARAMETER} query parameter
	 * @param grant what it grants
	 */
	public record SignedLink(String token, ShareGrant grant) {
	}

}
