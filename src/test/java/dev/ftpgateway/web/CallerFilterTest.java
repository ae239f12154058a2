package dev.ftpgateway.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CallerFilterTest {

	@Test
	void theAuthenticatedCallerIsNotedForTheAccessLog() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/a.txt");
		request.setUserPrincipal(() -> "api-key:reader");
		new CallerFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(request.getAttribute(AccessLogFilter.CALLER)).isEqualTo("api-key:reader");
	}

	@Test
	void anAnonymousCallerIsNotNoted() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/a.txt");
		new CallerFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(request.getAttribute(AccessLogFilter.CALLER)).isNull();
	}

}
