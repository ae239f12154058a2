package dev.ftpgateway.web.problem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty raises before a request reaches Spring (a URI it cannot decode or
 * normalise, such as {@code /files/%C3%28} or {@code /files/../../etc}, or headers too large)
 * as problem+json instead of Jetty's HTML page, so every error of the gateway has the same shape.
 * Nothing of the request is echoed: the detail is fixed text.
 */
public class ProblemErrorHandler extends ErrorHandler {

	private static final String CONTENT_TYPE = "application/problem+json";

	@Override
	protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
			Callback callback) {
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
		response.write(true, problem(code), callback);
	}

	@Override
	public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
		fields.put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
		return problem(status);
	}

	private static ByteBuffer problem(int status) {
		String detail = (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431)
				? "The request's headers are larger than the gateway accepts"
				: "The request was rejected before reaching the gateway (malformed request, or an invalid or unsafe URI)";
		String json = "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"" + HttpStatus.getMessage(status)
				+ "\",\"detail\":\"" + detail + "\"}";
		return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
	}

}
