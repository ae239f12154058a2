package dev.ftpgateway.web;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Work on a request gone async starts exactly once, and never before the request's first dispatch returned. */
class AfterDispatchTest {

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/a.txt");

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void workThatComesBeforeTheDispatchReturnedStartsWhenItReturns() {
		AfterDispatch after = AfterDispatch.of(this.request, startAsync());
		after.start(this.runs::incrementAndGet);
		assertThat(this.runs).as("runs before the dispatch returned").hasValue(0);
		AfterDispatch.returned(this.request);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void workThatComesAfterTheDispatchReturnedStartsAtOnce() {
		AfterDispatch after = AfterDispatch.of(this.request, startAsync());
		AfterDispatch.returned(this.request);
		assertThat(this.runs).hasValue(0);
		after.start(this.runs::incrementAndGet);
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void theReturnOfARequestWithoutWorkHeldBackStartsNothing() {
		AfterDispatch.returned(this.request);
		assertThat(this.runs).hasValue(0);
	}

	private AsyncContext startAsync() {
		this.request.setAsyncSupported(true);
		return this.request.startAsync(this.request, new MockHttpServletResponse());
	}

}
