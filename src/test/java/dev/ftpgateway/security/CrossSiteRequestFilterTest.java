package dev.ftpgateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSiteRequestFilterTest {

	@Test
	void behindAProxyTheOwnOriginIsThePublicUrls() throws Exception {
		CrossSiteRequestFilter filter = new CrossSiteRequestFilter(URI.create("https://files.example.org/"), trusting());
		assertThat(status(filter, "https://files.example.org")).isEqualTo(200);
		assertThat(status(filter, "https://FILES.example.org:443")).as("the default port, spelled out").isEqualTo(200);
		assertThat(status(filter, "http://gateway.internal:8080")).as("the upstream address the proxy names").isEqualTo(403);
		assertThat(status(filter, "http://files.example.org")).as("another scheme").isEqualTo(403);
	}

	@Test
	void withoutAPublicUrlTheOwnOriginIsTheRequestsSchemeAndHost() throws Exception {
		CrossSiteRequestFilter filter = new CrossSiteRequestFilter(null, trusting("https://*.example.org"));
		assertThat(status(filter, "http://gateway.internal:8080")).isEqualTo(200);
		assertThat(status(filter, "http://gateway.internal")).isEqualTo(403);
		assertThat(status(filter, "https://app.example.org")).isEqualTo(200);
		assertThat(status(filter, "https://example.org.evil.test")).isEqualTo(403);
	}

	private static CorsPolicy trusting(String... origins) {
		return new CorsPolicy(List.of(origins), List.of("PUT"), List.of("X-API-Key"), Duration.ofMinutes(30), false);
	}

	private static int status(CrossSiteRequestFilter filter, String origin) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/files/a.txt");
		request.setScheme("http");
		request.setServerName("gateway.internal");
		request.setServerPort(8080);
		request.addHeader("Origin", origin);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response.getStatus();
	}

}
