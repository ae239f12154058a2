package dev.ftpgateway.web;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogFilterTest {

	@Test
	void aRequestGoneAsyncIsLoggedWhenItCompletesAndItsWorkRunsWithItsRequestId(CapturedOutput output)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/async.txt");
		request.setAsyncSupported(true);
		request.addHeader(AccessLogFilter.REQUEST_ID_HEADER, "request-1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<Runnable> work = new AtomicReference<>();
		AtomicReference<String> idSeen = new AtomicReference<>();
		new AccessLogFilter().doFilter(request, response, (req, res) -> {
			req.startAsync(req, res);
			work.set(AccessLogFilter.withRequestId((HttpServletRequest) req)
				.apply(() -> idSeen.set(MDC.get(AccessLogFilter.REQUEST_ID))));
		});
		assertThat(output.getOut()).doesNotContain("GET /files/async.txt");
		Thread elsewhere = new Thread(work.get());
		elsewhere.start();
		elsewhere.join();
		assertThat(idSeen).hasValue("request-1");
		response.setStatus(404);
		((MockAsyncContext) request.getAsyncContext()).complete();
		assertThat(output.getOut()).contains("GET /files/async.txt 404 0");
	}

	@Test
	void credentialLikeParametersAreRedacted() {
		assertThat(AccessLogFilter.redact("api_key=k1&moveTo=/a.txt&access_token=t1&X-Amz-Signature=s&password=p"))
			.isEqualTo("api_key=***&moveTo=/a.txt&access_token=***&X-Amz-Signature=***&password=***");
	}

	@Test
	void shareLinksAreRedacted() {
		assertThat(AccessLogFilter.redact("share=read.1767225600.L2EudHh0.c2ln&download=true"))
			.isEqualTo("share=***&download=true");
	}

	@Test
	void encodedNamesAreRedactedToo() {
		assertThat(AccessLogFilter.redact("api%5Fkey=k1&%41PIKEY=k2&bad%zzname=x")).isEqualTo("api%5Fkey=***&%41PIKEY=***&bad%zzname=***");
	}

	@Test
	void otherParametersAreLoggedAsSent() {
		assertThat(AccessLogFilter.redact("moveTo=%2Fx%20y&mkdirs=true&recursive")).isEqualTo("moveTo=%2Fx%20y&mkdirs=true&recursive");
	}

}
