package dev.ftpgateway.security;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The pages of other origins the gateway serves, one list for both of its uses: CORS, so their
 * scripts may call the gateway and read its answers, and {@link CrossSiteRequestFilter}, which
 * lets their state-changing requests through. A request from an origin not listed gets no CORS
 * configuration at all, and so no CORS headers; with no origin listed, CORS is off.
 */
public final class CorsPolicy implements CorsConfigurationSource {

	/**
	 * Response headers a script may read besides those CORS always shows (Content-Type,
	 * Content-Length, Last-Modified ...): what ranges, conditionals, uploads, 503s, digests and
	 * tus answer with (Uppy and tus-js-client read Location and Upload-Offset to resume).
	 */
	static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.CONTENT_RANGE,
			HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, HttpHeaders.ACCEPT_RANGES,
			"Repr-Digest", "Content-Digest", "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size",
			"Tus-Checksum-Algorithm", "Upload-Offset", "Upload-Length", "Upload-Metadata", "Upload-Expires");

	private static final String ANY = "*";

	private final CorsConfiguration configuration = new CorsConfiguration();

	/**
	 * @param allowedOrigins full origins such as {@code https://app.example.org}, or patterns such
	 *        as {@code https://*.example.org}
	 * @param allowedMethods the methods a preflight may ask for
	 * @param allowedHeaders the request headers a preflight may ask for
	 * @param maxAge how long browsers may cache a preflight's answer
	 * @param allowCredentials whether browsers may send their cookies and stored Basic credentials
	 * @throws IllegalArgumentException when credentials are allowed to every origin
	 */
	public CorsPolicy(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
			Duration maxAge, boolean allowCredentials) {
		if (allowCredentials && allowedOrigins.stream().map(String::trim).anyMatch(ANY::equals)) {
			throw new IllegalArgumentException("ftp-gateway.web.cors.allow-credentials=true with the origin '*' would let "
					+ "every site use the Basic credentials a browser holds for the gateway: list the origins instead");
		}
		allowedOrigins.forEach(this.configuration::addAllowedOriginPattern);
		this.configuration.setAllowedMethods(allowedMethods);
		this.configuration.setAllowedHeaders(allowedHeaders);
		this.configuration.setExposedHeaders(EXPOSED_HEADERS);
		this.configuration.setMaxAge(maxAge);
		this.configuration.setAllowCredentials(allowCredentials);
	}

	/** Whether pages of {@code origin} are trusted: served through CORS, and allowed to change files. */
	public boolean trusts(String origin) {
		return this.configuration.checkOrigin(origin) != null;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		return (origin != null && trusts(origin)) ? this.configuration : null;
	}

}
