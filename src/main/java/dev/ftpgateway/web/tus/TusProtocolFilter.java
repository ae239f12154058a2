package dev.ftpgateway.web.tus;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The tus protocol's rules for every request below {@code /uploads}, before security so that
 * refusals carry them too: each answer has {@code Tus-Resumable: 1.0.0}; a request other than
 * OPTIONS without that version is 412 with {@code Tus-Version}; and a POST with
 * {@code X-HTTP-Method-Override: PATCH} or {@code DELETE} is handled as that method, for clients
 * whose HTTP stack cannot send PATCH (Java's HttpURLConnection, which tus-java-client uses).
 * Only a POST is overridden: a GET, which the cross-site check lets through, never turns into a
 * change.
 */
@Component
// Spring Security's filter chain runs at -100: this runs just before it.
@Order(-101)
public class TusProtocolFilter extends OncePerRequestFilter {

	static final String VERSION = "1.0.0";

	static final String RESUMABLE = "Tus-Resumable";

	private static final Set<String> OVERRIDES = Set.of("PATCH", "DELETE");

	private final HandlerExceptionResolver resolver;

	public TusProtocolFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return !uri.equals(TusController.PREFIX) && !uri.startsWith(TusController.PREFIX + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(RESUMABLE, VERSION);
		HttpServletRequest handled = overridden(request);
		if (!"OPTIONS".equals(handled.getMethod()) && !VERSION.equals(handled.getHeader(RESUMABLE))) {
			ErrorResponseException refused = new ErrorResponseException(HttpStatus.PRECONDITION_FAILED,
					ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
							"This server speaks tus " + VERSION + ": send Tus-Resumable: " + VERSION),
					null);
			refused.getHeaders().set("Tus-Version", VERSION);
			this.resolver.resolveException(handled, response, null, refused);
			return;
		}
		chain.doFilter(handled, response);
	}

	private static HttpServletRequest overridden(HttpServletRequest request) {
		String override = request.getHeader("X-HTTP-Method-Override");
		if (override == null || !"POST".equals(request.getMethod())) {
			return request;
		}
		String method = override.trim().toUpperCase(Locale.ROOT);
		if (!OVERRIDES.contains(method)) {
			return request;
		}
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getMethod() {
				return method;
			}

		};
	}

}
