package dev.ftpgateway.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a request that carries credentials while its client
 * is shut out by the {@link LoginThrottle}, before any authentication runs.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	public LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (carriesCredentials(request)) {
			Duration wait = this.throttle.remainingDelay(request.getRemoteAddr());
			if (!wait.isZero()) {
				// Round up: a client that waits exactly Retry-After seconds must not be shut out again.
				long seconds = wait.plusMillis(999).toSeconds();
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many failed logins from this address; try again in " + seconds + " s");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	static boolean carriesCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null;
	}

}
