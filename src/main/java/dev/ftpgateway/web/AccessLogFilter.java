package dev.ftpgateway.web;

import java.io.IOException;

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
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessLogFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog("dev.ftpgateway.access");

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
			if (logger.isInfoEnabled()) {
				long millis = (System.nanoTime() - start) / 1_000_000;
				String query = (request.getQueryString() != null) ? "?" + request.getQueryString() : "";
				logger.info(String.format("%s %s%s %d %d %dms%s", request.getMethod(), request.getRequestURI(), query,
						response.getStatus(), counting.bytes(), millis, completed ? "" : " aborted"));
			}
		}
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
