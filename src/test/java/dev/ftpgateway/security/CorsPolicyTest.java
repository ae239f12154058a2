package dev.ftpgateway.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.CorsFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What Spring's CORS filter answers under the policy: listed origins get CORS, others nothing. */
class CorsPolicyTest {

	private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE");

	private static final List<String> HEADERS = List.of("Authorization", "X-API-Key", "Content-Type", "If-None-Match");

	@Test
	void aListedOriginsPreflightIsAnsweredWithoutCredentials() throws Exception {
		MockHttpServletResponse response = preflight(policy(false, "https://*.example.org"), "https://app.example.org");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
		assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("PUT");
		assertThat(response.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key");
		assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("1800");
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).as("credentials are off by default").isNull();
	}

	@Test
	void anOriginNotListedGetsNoCorsHeaders() throws Exception {
		for (String origin : List.of("https://example.org.evil.test", "http://app.example.org", "null")) {
			MockHttpServletResponse response = preflight(policy(false, "https://*.example.org"), origin);
			assertThat(response.getHeaderNames()).as(origin).noneMatch((name) -> name.startsWith("Access-Control-"));
		}
	}

	@Test
	void withNoOriginListedCorsIsOff() throws Exception {
		CorsPolicy off = policy(false);
		assertThat(preflight(off, "https://app.example.org").getHeaderNames())
			.noneMatch((name) -> name.startsWith("Access-Control-"));
		assertThat(off.trusts("https://app.example.org")).isFalse();
	}

	@Test
	void credentialsAreAllowedOnlyWhenTurnedOn() throws Exception {
		assertThat(preflight(policy(true, "https://app.example.org"), "https://app.example.org")
			.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
	}

	@Test
	void credentialsForEveryOriginAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> policy(true, "https://app.example.org", "*"))
			.withMessageContaining("allow-credentials");
	}

	@Test
	void scriptsOfAListedOriginMayReadTheHeadersTheGatewayAnswersWith() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/a.txt");
		request.addHeader("Origin", "https://app.example.org");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		new CorsFilter(policy(false, "https://app.example.org")).doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("the actual request goes on").isNotNull();
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
		assertThat(response.getHeader("Access-Control-Expose-Headers")).contains("ETag", "Content-Range",
				"Content-Disposition", "Location", "Retry-After", "Accept-Ranges", "Repr-Digest", "Content-Digest");
	}

	private static CorsPolicy policy(boolean credentials, String... origins) {
		return new CorsPolicy(List.of(origins), METHODS, HEADERS, Duration.ofMinutes(30), credentials);
	}

	private static MockHttpServletResponse preflight(CorsPolicy policy, String origin) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/files/a.txt");
		request.addHeader("Origin", origin);
		request.addHeader("Access-Control-Request-Method", "PUT");
		request.addHeader("Access-Control-Request-Headers", "x-api-key, content-type");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new CorsFilter(policy).doFilter(request, response, new MockFilterChain());
		return response;
	}

}
