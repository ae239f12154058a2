package dev.ftpgateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The access line's facts as structured fields, captured as Spring Boot's structured logging
 * writes them ({@code logging.structured.format.console=ecs} or {@code logstash}).
 */
class AccessLogFieldsTest {

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger access = this.context.getLogger("dev.ftpgateway.access");

	private final ByteArrayOutputStream written = new ByteArrayOutputStream();

	private OutputStreamAppender<ILoggingEvent> appender;

	@AfterEach
	void detach() {
		this.access.detachAppender(this.appender);
		this.appender.stop();
	}

	@Test
	void eachFactOfTheAccessLineIsAnEcsField() throws Exception {
		capture("ecs");
		MockHttpServletRequest request = request("/servers/beta/files/a.txt");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new AccessLogFilter().doFilter(request, response, servedBy("api-key:reader", "beta", 5, false));
		String line = this.written.toString(StandardCharsets.UTF_8);
		assertThat(line).contains("\"requestId\":\"req-42\"", "\"clientAddress\":\"127.0.0.7\"",
				"\"caller\":\"api-key:reader\"", "\"server\":\"beta\"", "\"method\":\"GET\"",
				"\"path\":\"/servers/beta/files/a.txt?api_key=***\"", "\"status\":200", "\"bytes\":5",
				"\"durationMs\":", "\"outcome\":\"completed\"",
				"\"message\":\"GET /servers/beta/files/a.txt?api_key=*** 200 5 ");
		assertThat(line).doesNotContain("secret-key");
		assertThat(response.getHeader(AccessLogFilter.REQUEST_ID_HEADER)).isEqualTo("req-42");
	}

	@Test
	void aDownloadThatFailedMidBodyIsLoggedAsAbortedWithTheBytesThatLeft() throws Exception {
		capture("logstash");
		MockHttpServletRequest request = request("/files/large.bin");
		assertThatIOException().isThrownBy(() -> new AccessLogFilter().doFilter(request,
				new MockHttpServletResponse(), servedBy(null, "default", 3, true)));
		String line = this.written.toString(StandardCharsets.UTF_8);
		assertThat(line).contains("\"outcome\":\"aborted\"", "\"status\":200", "\"bytes\":3", "\"server\":\"default\"",
				"aborted\"");
		assertThat(line).doesNotContain("\"caller\"");
	}

	@Test
	void aRequestIdThatIsNoPlainTokenIsReplaced() throws Exception {
		capture("ecs");
		MockHttpServletRequest request = request("/files/a.txt");
		request.removeHeader(AccessLogFilter.REQUEST_ID_HEADER);
		request.addHeader(AccessLogFilter.REQUEST_ID_HEADER, "forged\" \"status\":500");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new AccessLogFilter().doFilter(request, response, servedBy(null, "default", 0, false));
		assertThat(response.getHeader(AccessLogFilter.REQUEST_ID_HEADER)).matches("[0-9a-f-]{36}");
		assertThat(this.written.toString(StandardCharsets.UTF_8)).doesNotContain("forged");
	}

	private void capture(String format) {
		this.context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(this.context);
		encoder.setFormat(format);
		encoder.start();
		this.appender = new OutputStreamAppender<>();
		this.appender.setContext(this.context);
		this.appender.setEncoder(encoder);
		this.appender.setOutputStream(this.written);
		this.appender.start();
		this.access.addAppender(this.appender);
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setQueryString("api_key=secret-key");
		request.setRemoteAddr("127.0.0.7");
		request.addHeader(AccessLogFilter.REQUEST_ID_HEADER, "req-42");
		return request;
	}

	/** What the servlets behind the filter do: name the caller and server, write a body, maybe fail mid-body. */
	private static FilterChain servedBy(String caller, String server, int bytes, boolean failMidBody) {
		return (request, response) -> {
			if (caller != null) {
				request.setAttribute(AccessLogFilter.CALLER, caller);
			}
			request.setAttribute(AccessLogFilter.SERVER, server);
			response.getOutputStream().write(new byte[bytes]);
			if (failMidBody) {
				throw new IOException("The client went away");
			}
		};
	}

}
