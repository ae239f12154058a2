package dev.ftpgateway.web.problem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Renders the errors Jetty raises before a request reaches Spring (a URI it cannot decode or
 * normalise, such as {@code /files/%C3%28} or {@code /files/../../etc}, a malformed request, or
 * headers too large) as problem+json instead of Jetty's HTML page, so every error of the gateway
 * has the same shape, and writes each to the access log, which the servlet filters never see
 * these requests for. Nothing of the request is echoed: the detail is fixed text.
 */
public class ProblemErrorHandler extends ErrorHandler {

	private static final String CONTENT_TYPE = "application/problem+json";

	private final RejectionLog log;

	/** @param log where each rejected request is logged, in the access log's format */
	public ProblemErrorHandler(RejectionLog log) {
		this.log = log;
	}

	/**
	 * Every method gets the problem: Jetty's default renders error pages for GET, POST and HEAD
	 * only, and answers a rejected PUT or DELETE with an empty body.
	 */
	@Override
	public boolean errorPageForMethod(String method) {
		return true;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		return super.handle(request, response, new LoggingCallback(request, response, callback));
	}

	@Override
	protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
			Callback callback) {
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
		response.write(true, problem(code), callback);
	}

	private static ByteBuffer problem(int status) {
		String detail = (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431)
				? "The request's headers are larger than the gateway accepts"
				: "The request was rejected before reaching the gateway (malformed request, or an invalid or unsafe URI)";
		String json = "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"" + HttpStatus.getMessage(status)
				+ "\",\"detail\":\"" + detail + "\"}";
		return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Receives one line's worth of a rejected request, as the access log writes it. */
	@FunctionalInterface
	public interface RejectionLog {

		/**
		 * @param method the request's method; Jetty names a request whose request line it could not
		 *        read {@code BAD /badMessage}
		 * @param rawPath the path as sent, still percent-encoded
		 * @param rawQuery the query string as sent, or {@code null}
		 * @param status the status sent
		 * @param bytes the body bytes sent
		 * @param millis from the first byte of the request to the end of the response
		 * @param completed false when the response could not be written
		 */
		void rejected(String method, String rawPath, String rawQuery, int status, long bytes, long millis,
				boolean completed);

	}

	/** Logs the rejection once the response is written, before Jetty completes the exchange. */
	private final class LoggingCallback extends Callback.Nested {

		private final Request request;

		private final Response response;

		LoggingCallback(Request request, Response response, Callback callback) {
			super(callback);
			this.request = request;
			this.response = response;
		}

		@Override
		public void succeeded() {
			log(true);
			super.succeeded();
		}

		@Override
		public void failed(Throwable failure) {
			log(false);
			super.failed(failure);
		}

		private void log(boolean completed) {
			HttpURI uri = this.request.getHttpURI();
			ProblemErrorHandler.this.log.rejected(this.request.getMethod(), uri.getPath(), uri.getQuery(),
					this.response.getStatus(), Response.getContentBytesWritten(this.response),
					NanoTime.millisSince(this.request.getBeginNanoTime()), completed);
		}

	}

}
