package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.ftpgateway.web.transfer.ContainerBody;

/**
 * Writes one access-log line per request: method, raw path, status, body bytes sent and
 * duration. A request that failed mid-body is logged with the status sent and the bytes that
 * made it out, marked {@code aborted}.
 * <p>
 * The query string is logged with the values of parameters that look like credentials replaced
 * by {@value #REDACTED}: clients put API keys and tokens there by mistake ({@code ?api_key=},
 * {@code ?access_token=}), and logs are read by more people than the keys are meant for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessLogFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog("dev.ftpgateway.access");

	static final String REDACTED = "***";

	/**
	 * Parameter names whose values are redacted: anything naming a key, token, password or
	 * secret, and share links' {@code share}.
	 */
	private static final Pattern CREDENTIAL_NAME = Pattern
		.compile("(?i)key|token|pass|pwd|secret|auth|sig|credential|session|share");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		CountingResponse counting = new CountingResponse(response);
		boolean completed = false;
		try {
			chain.doFilter(request, counting);
			completed = true;
		}
		finally {
			log(request.getMethod(), request.getRequestURI(), request.getQueryString(), response.getStatus(),
					counting.bytes(), (System.nanoTime() - start) / 1_000_000, completed);
		}
	}

	/**
	 * Writes one access-log line. Also called for the requests Jetty rejects before this filter
	 * runs ({@link dev.ftpgateway.web.problem.ProblemErrorHandler}), so every request is logged
	 * the same way.
	 * @param rawPath the path as sent, still percent-encoded
	 * @param rawQuery the query string as sent, or {@code null}; credential-like values are redacted
	 */
	static void log(String method, String rawPath, String rawQuery, int status, long bytes, long millis,
			boolean completed) {
		if (logger.isInfoEnabled()) {
			String query = (rawQuery != null) ? "?" + redact(rawQuery) : "";
			logger.info(String.format("%s %s%s %d %d %dms%s", method, rawPath, query, status, bytes, millis,
					completed ? "" : " aborted"));
		}
	}

	/** The query string with the values of credential-like parameters replaced by {@value #REDACTED}. */
	static String redact(String query) {
		StringJoiner redacted = new StringJoiner("&");
		for (String parameter : query.split("&", -1)) {
			int equals = parameter.indexOf('=');
			String name = (equals < 0) ? parameter : parameter.substring(0, equals);
			redacted.add((equals >= 0 && looksLikeCredential(name)) ? name + "=" + REDACTED : parameter);
		}
		return redacted.toString();
	}

	private static boolean looksLikeCredential(String rawName) {
		String name;
		try {
			name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A name that does not even decode: redact rather than guess.
			return true;
		}
		return CREDENTIAL_NAME.matcher(name).find();
	}

	/** Counts the body bytes written through it, and those written past it ({@link ContainerBody}). */
	private static final class CountingResponse extends HttpServletResponseWrapper implements ContainerBody.BodyCounter {

		private CountingOutputStream stream;

		private long writtenPast;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingOutputStream(super.getOutputStream());
			}
			return this.stream;
		}

		@Override
		public void writtenPast(long bytes) {
			this.writtenPast += bytes;
		}

		long bytes() {
			return this.writtenPast + ((this.stream != null) ? this.stream.count : 0);
		}

	}

	/** A servlet output stream that counts what passes through. */
	private static final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private long count;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
			this.count += len;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
