package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.ftpgateway.web.transfer.ForwardingServletInputStream;

/**
 * Limits uploads below {@code /files} and {@code /servers/NAME/files} (PUT, and HTML forms'
 * multipart POST as a whole) to {@code maxBytes}: a declared Content-Length over the limit is
 * refused with 413 before any FTP command, and a body without one (chunked) fails with 413 as
 * soon as it grows past the limit, which aborts the STOR and deletes its temporary file.
 */
public final class UploadLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final HandlerExceptionResolver resolver;

	/**
	 * @param maxBytes the largest body accepted
	 * @param resolver renders the 413 as problem+json, like every other problem
	 */
	public UploadLimitFilter(long maxBytes, HandlerExceptionResolver resolver) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
		}
		this.maxBytes = maxBytes;
		this.resolver = resolver;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isUpload(request)
				|| FilesRoute.of(request).map((route) -> route.rawPath().isEmpty()).orElse(true);
	}

	/** A PUT, or an HTML form's POST, whose whole body counts against the limit. */
	private static boolean isUpload(HttpServletRequest request) {
		if ("PUT".equals(request.getMethod())) {
			return true;
		}
		String type = request.getContentType();
		String form = MediaType.MULTIPART_FORM_DATA_VALUE;
		return "POST".equals(request.getMethod()) && type != null
				&& type.regionMatches(true, 0, form, 0, form.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.resolver.resolveException(request, response, null, new UploadTooLargeException(this.maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	/** The request with a body that fails once more than the limit has been read. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private LimitedBody body;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new LimitedBody(super.getInputStream(), this.maxBytes);
			}
			return this.body;
		}

	}

	/** Counts what is read and throws {@link UploadTooLargeException} past the limit. */
	private static final class LimitedBody extends ForwardingServletInputStream {

		private final long maxBytes;

		private long count;

		LimitedBody(ServletInputStream delegate, long maxBytes) {
			super(delegate);
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			return counted(super.read(b, off, len));
		}

		@Override
		public int read(ByteBuffer buffer) throws IOException {
			return counted(super.read(buffer));
		}

		/** Counts a read's byte count, or nothing for -1, and returns it. */
		private int counted(int read) {
			if (read > 0) {
				this.count += read;
				if (this.count > this.maxBytes) {
					throw new UploadTooLargeException(this.maxBytes);
				}
			}
			return read;
		}

	}

}
