package dev.ftpgateway.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ftpgateway.pool.PoolExhaustedException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers the security layer's refusals as problem+json, like every other error of the gateway:
 * 401 with a {@code WWW-Authenticate} challenge for each enabled scheme, 403 for a missing
 * scope (naming the server when the scope is missing on one) or a share link the caller may not
 * hand out, 400 for a URL the firewall rejects, 429 with {@code Retry-After} for a login the
 * {@link LoginThrottle} holds back, and 502/503 when the FTP server could not check a
 * pass-through login.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	/** Where share links are made; the only route that needs the share scope. */
	public static final String SHARES = "/shares";

	/** Where the server reports are, {@code /servers} and {@code /servers/NAME}: they need the admin scope. */
	static final String SERVER_REPORTS = "/servers";

	private static final String REALM = "realm=\"ftp-gateway\"";

	private final boolean basic;

	private final boolean bearer;

	/**
	 * @param basic whether HTTP Basic (pass-through) logins are accepted
	 * @param bearer whether bearer tokens (API keys or JWTs) are accepted
	 */
	public SecurityProblems(boolean basic, boolean bearer) {
		this.basic = basic;
		this.bearer = bearer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof AuthenticationServiceException) {
			// The FTP server, not the caller, failed: no challenge, and nothing held against the client.
			boolean busy = ex.getCause() instanceof PoolExhaustedException;
			ProblemResponses.write(response, busy ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
					busy ? "All FTP sessions are busy; try again shortly" : "The FTP server could not check the login");
			return;
		}
		if (ex instanceof LoginThrottledException throttled) {
			// Round up: a client that waits exactly Retry-After seconds must not be shut out again.
			long seconds = throttled.retryAfter().plusMillis(999).toSeconds();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many login attempts from this address or for this user; try again in " + seconds + " s");
			return;
		}
		boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null;
		for (String challenge : challenges(ex)) {
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
				presented ? "The credentials were not accepted" : "Authentication is required");
	}

	private List<String> challenges(AuthenticationException ex) {
		List<String> challenges = new ArrayList<>();
		if (this.basic) {
			challenges.add("Basic " + REALM + ", charset=\"UTF-8\"");
		}
		if (this.bearer) {
			// RFC 6750 3.1: say the token was bad, without saying why (the reason may describe its content).
			challenges.add((ex instanceof OAuth2AuthenticationException) ? "Bearer " + REALM + ", error=\"invalid_token\""
					: "Bearer " + REALM);
		}
		return challenges;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		if (ex instanceof ShareRefusedException) {
			ProblemResponses.write(response, HttpStatus.FORBIDDEN, ex.getMessage());
			return;
		}
		Object server = request.getAttribute(ServerAccess.SERVER_ATTRIBUTE);
		ProblemResponses.write(response, HttpStatus.FORBIDDEN, "The credentials do not grant the '"
				+ neededScope(request) + "' scope" + ((server != null) ? " on server '" + server + "'" : "")
				+ " this request needs");
	}

	private static String neededScope(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals(SHARES)) {
			return FtpScope.SHARE.value();
		}
		if (path.equals(SERVER_REPORTS) || (path.startsWith(SERVER_REPORTS + "/")
				&& path.indexOf('/', SERVER_REPORTS.length() + 1) < 0)) {
			return FtpScope.ADMIN.value();
		}
		HttpMethod method = HttpMethod.valueOf(request.getMethod());
		if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
			return FtpScope.READ.value();
		}
		return (method == HttpMethod.DELETE) ? FtpScope.DELETE.value() : FtpScope.WRITE.value();
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		ProblemResponses.write(response, HttpStatus.BAD_REQUEST,
				"The request was rejected before reaching the gateway (invalid or unsafe URL)");
	}

}
