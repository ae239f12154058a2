package dev.ftpgateway.web.page;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the caller a page is made for may do, read from Spring Security's context by the scope
 * authorities the gateway grants ({@code SCOPE_write}, {@code SCOPE_delete}): the page offers
 * only what the gateway will then allow.
 *
 * @param signedIn whether the caller presented credentials (not anonymous)
 * @param canWrite whether uploads, new folders and moves are allowed
 * @param canDelete whether deletes are allowed
 */
record PageCaller(boolean signedIn, boolean canWrite, boolean canDelete) {

	static final String WRITE = "SCOPE_write";

	static final String DELETE = "SCOPE_delete";

	/** The caller of the request being served. */
	static PageCaller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return new PageCaller(false, false, false);
		}
		Set<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return new PageCaller(!(authentication instanceof AnonymousAuthenticationToken), authorities.contains(WRITE),
				authorities.contains(DELETE));
	}

	/**
	 * Whether signing in could let the caller do more: an anonymous caller without every scope.
	 * The open loopback demo, whose anonymous callers may do everything, offers no sign-in.
	 */
	boolean mayGainScopes() {
		return !this.signedIn && !(this.canWrite && this.canDelete);
	}

}
