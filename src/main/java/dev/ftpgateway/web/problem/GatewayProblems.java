package dev.ftpgateway.web.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Problems the HTTP layer decides on its own, before or instead of any FTP command. They are
 * {@link ErrorResponseException}s so {@code ResponseEntityExceptionHandler} renders them as
 * problem+json without further code.
 */
public final class GatewayProblems {

	private GatewayProblems() {
	}

	public static ErrorResponseException preconditionFailed(String detail) {
		return problem(HttpStatus.PRECONDITION_FAILED, detail);
	}

	public static ErrorResponseException badRequest(String detail) {
		return problem(HttpStatus.BAD_REQUEST, detail);
	}

	/** 404: what the request names does not exist. */
	public static ErrorResponseException notFound(String detail) {
		return problem(HttpStatus.NOT_FOUND, detail);
	}

	/** 413: the request asks for more than the gateway takes. */
	public static ErrorResponseException contentTooLarge(String detail) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, detail);
	}

	/** 415: the request has a body where the operation takes none. */
	public static ErrorResponseException unsupportedBody(String detail) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
