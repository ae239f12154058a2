package dev.ftpgateway.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by an API key in {@code X-API-Key}, or as a static bearer token in
 * {@code Authorization: Bearer}. When JWTs are accepted too, a bearer token shaped like a JWT
 * (it has dots; generated keys never do) is left to the resource server. A key that matches
 * no configured hash is a 401 at once, and so are two {@code X-API-Key} headers: which of them
 * counts would depend on the container and on the proxies in between.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	/** The header an API key can be sent in when the Authorization header is taken. */
	public static final String HEADER = "X-API-Key";

	private static final String BEARER = "Bearer ";

	private final ApiKeyStore keys;

	private final AuthenticationEntryPoint entryPoint;

	private final boolean jwtEnabled;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	public ApiKeyAuthenticationFilter(ApiKeyStore keys, AuthenticationEntryPoint entryPoint, boolean jwtEnabled) {
		this.keys = keys;
		this.entryPoint = entryPoint;
		this.jwtEnabled = jwtEnabled;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (Collections.list(request.getHeaders(HEADER)).size() > 1) {
			refuse(request, response, "More than one X-API-Key header");
			return;
		}
		String presented = presentedKey(request);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiKeyStore.ApiKey> key = this.keys.find(presented);
		if (key.isEmpty()) {
			refuse(request, response, "Unknown API key");
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(
				new ScopedAuthentication("api-key:" + key.get().name(), key.get().scopes(), key.get().servers()));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
			throws IOException, ServletException {
		this.contexts.clearContext();
		this.entryPoint.commence(request, response, new BadCredentialsException(reason));
	}

	private String presentedKey(HttpServletRequest request) {
		String header = request.getHeader(HEADER);
		if (header != null) {
			return header.trim();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).trim();
		return (this.jwtEnabled && JwtShapedTokens.looksLikeJwt(token)) ? null : token;
	}

}
