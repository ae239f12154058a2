package dev.ftpgateway.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing requests (anything but GET, HEAD and OPTIONS) that a browser sends on
 * behalf of another site, before any authentication or FTP work.
 * <p>
 * A browser that holds a user's Basic credentials sends them with requests any page makes, and a
 * form or a {@code fetch} with a text/plain body needs no CORS preflight: without this check a
 * page on any origin could move, upload and delete the user's files. Browsers name the page's
 * origin in {@code Origin} on every such request, and newer ones say in {@code Sec-Fetch-Site}
 * how it relates to the target. So a request is refused when its {@code Origin} is neither the
 * gateway's own origin nor a trusted one, or, without {@code Origin}, when
 * {@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site} (another origin of the
 * same site). Requests with neither header (curl, services) are not from a browser and pass.
 * <p>
 * The gateway's own origin is the configured public URL's; without one, the scheme, host and
 * port the request names ({@code Host}), which behind a reverse proxy is the proxy's upstream
 * address rather than what the browser sees: set the public URL there.
 */
public final class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final Set<String> OTHER_ORIGIN_SITES = Set.of("cross-site", "same-site");

	static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	private final @Nullable String publicOrigin;

	private final CorsPolicy trusted;

	/**
	 * @param publicUrl the gateway's external URL, whose origin is its own; null to take it from each request
	 * @param trusted the other origins whose pages may change files, the same CORS serves
	 */
	public CrossSiteRequestFilter(@Nullable URI publicUrl, CorsPolicy trusted) {
		this.publicOrigin = (publicUrl != null) ? origin(publicUrl) : null;
		this.trusted = trusted;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && fromAnotherSite(request)) {
			ProblemResponses.write(response, HttpStatus.FORBIDDEN,
					"A state-changing request from a page of another origin is refused; "
							+ "trust its origin in ftp-gateway.web.cors.allowed-origins if it should be served");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean fromAnotherSite(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin != null) {
			return !isOwn(origin, request) && !this.trusted.trusts(origin);
		}
		String site = request.getHeader(SEC_FETCH_SITE);
		return site != null && OTHER_ORIGIN_SITES.contains(site.trim().toLowerCase(Locale.ROOT));
	}

	private boolean isOwn(String origin, HttpServletRequest request) {
		String own = (this.publicOrigin != null) ? this.publicOrigin
				: origin(request.getScheme(), request.getServerName(), request.getServerPort());
		try {
			return own.equals(origin(URI.create(origin.trim())));
		}
		catch (IllegalArgumentException ex) {
			// "null" (sandboxed frames, file: pages) and anything else that is no URI is nobody's origin.
			return false;
		}
	}

	private static String origin(URI uri) {
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new IllegalArgumentException("Not an origin: " + uri);
		}
		return origin(uri.getScheme(), uri.getHost(), uri.getPort());
	}

	/** Scheme, host and port, lower case and with the default port spelled out, so equal origins compare equal. */
	private static String origin(String scheme, String host, int port) {
		String lowerScheme = scheme.toLowerCase(Locale.ROOT);
		int explicitPort = (port >= 0) ? port : (lowerScheme.equals("https") ? 443 : 80);
		return lowerScheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + explicitPort;
	}

}
