package dev.ftpgateway.security;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.files.RemotePath;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request below {@code /files} by the share link in its query string
 * ({@code ?share=TOKEN}), before and instead of any other credentials: the link's signature
 * and expiry are checked, then that it covers this path and method, and only then is the request
 * authenticated, as a {@link ShareAuthentication} limited to it, and handed on as a
 * {@link ShareLinkRequest}. A link that fails a check is 403 with a problem saying which, and
 * nothing reaches the FTP server.
 * <p>
 * Anywhere but {@code /files} the parameter means nothing, so a link cannot open other routes.
 */
public final class ShareAuthenticationFilter extends OncePerRequestFilter {

	/** The query parameter that carries a share link's token. */
	public static final String PARAMETER = "share";

	private static final String FILES = "/files";

	private final ShareTokens tokens;

	private final Clock clock;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	public ShareAuthenticationFilter(ShareTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return request.getQueryString() == null || !(path.equals(FILES) || path.startsWith(FILES + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> presented = tokens(request.getQueryString());
		if (presented.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (presented.size() > 1) {
			ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "More than one share parameter");
			return;
		}
		ShareGrant grant;
		RemotePath requested;
		try {
			grant = this.tokens.verify(presented.get(0), this.clock.instant());
			requested = RemotePath.parse(request.getRequestURI().substring(request.getContextPath().length() + FILES.length()));
		}
		catch (InvalidShareLinkException ex) {
			ProblemResponses.write(response, HttpStatus.FORBIDDEN, ex.getMessage());
			return;
		}
		catch (InvalidRemotePathException ex) {
			ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "Invalid path: " + ex.getMessage());
			return;
		}
		Optional<String> refusal = grant.refusal(requested, request.getMethod());
		if (refusal.isPresent()) {
			ProblemResponses.write(response, HttpStatus.FORBIDDEN, refusal.get());
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new ShareAuthentication(grant));
		this.contexts.setContext(context);
		chain.doFilter(new ShareLinkRequest(request, grant.access() == ShareGrant.Access.WRITE), response);
	}

	/** The values of the share parameters in a raw query string, percent-decoded. */
	private static List<String> tokens(String query) {
		List<String> tokens = new ArrayList<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals >= 0 && pair.substring(0, equals).equals(PARAMETER)) {
				tokens.add(decode(pair.substring(equals + 1)));
			}
		}
		return tokens;
	}

	/** Tokens hold URL-safe characters only; one that does not even decode is left for verification to refuse. */
	private static String decode(String raw) {
		try {
			return RemotePath.decode(raw);
		}
		catch (InvalidRemotePathException ex) {
			return raw;
		}
	}

}
