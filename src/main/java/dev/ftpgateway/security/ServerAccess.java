package dev.ftpgateway.security;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request below a server's files tree when the caller holds the scope it needs on every
 * server ({@code SCOPE_read}) or on that server ({@code SCOPE_read:partner-a}). A caller limited
 * to server A is refused (403) on server B, before any FTP command.
 */
public final class ServerAccess {

	/** The request attribute naming the server a refused request was for, for the 403's detail. */
	static final String SERVER_ATTRIBUTE = ServerAccess.class.getName() + ".server";

	/** The path variable that names the server in the rules' patterns: {@code /servers/{server}/files/**}. */
	public static final String SERVER_VARIABLE = "server";

	/** How server names are spelled; only such a name from the path is repeated in a 403. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private ServerAccess() {
	}

	/** For {@code /servers/{server}/files/**}: the scope on the server the path names. */
	public static AuthorizationManager<RequestAuthorizationContext> onNamedServer(FtpScope scope) {
		return (authentication, context) -> decide(authentication, context.getRequest(), scope,
				Optional.ofNullable(context.getVariables().get(SERVER_VARIABLE)));
	}

	/**
	 * For {@code /files/**}: the scope on the default server; without one, the scope on any
	 * server, so that the caller learns which servers there are (404) rather than 403.
	 */
	public static AuthorizationManager<RequestAuthorizationContext> onDefaultServer(FtpScope scope,
			Optional<String> defaultServer) {
		return (authentication, context) -> decide(authentication, context.getRequest(), scope, defaultServer);
	}

	private static AuthorizationResult decide(Supplier<? extends Authentication> authentication,
			HttpServletRequest request, FtpScope scope, Optional<String> server) {
		Authentication caller = authentication.get();
		if (caller == null || !caller.isAuthenticated()) {
			return new AuthorizationDecision(false);
		}
		server.filter((name) -> NAME.matcher(name).matches())
			.ifPresent((name) -> request.setAttribute(SERVER_ATTRIBUTE, name));
		return new AuthorizationDecision(grants(caller.getAuthorities(), scope, server));
	}

	static boolean grants(Collection<? extends GrantedAuthority> authorities, FtpScope scope,
			Optional<String> server) {
		for (GrantedAuthority granted : authorities) {
			String authority = granted.getAuthority();
			if (scope.authority().equals(authority)) {
				return true;
			}
			boolean onTheServer = server.isPresent() ? scope.authority(server.get()).equals(authority)
					: authority != null && authority.startsWith(scope.authority() + ":");
			if (onTheServer) {
				return true;
			}
		}
		return false;
	}

}
