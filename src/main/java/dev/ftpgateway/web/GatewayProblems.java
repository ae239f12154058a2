package dev.ftpgateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.ftpgateway.ftp.FtpException;

/**
 * Problems the gateway decides on its own, before or instead of an FTP reply. They are
 * {@link ErrorResponseException}s so {@code ResponseEntityExceptionHandler} renders them as
 * problem+json without further code.
 */
final class GatewayProblems {

	private GatewayProblems() {
	}

	static ErrorResponseException notFound(RemotePath path) {
		return problem(HttpStatus.NOT_FOUND, "No file or folder at " + path);
	}

	/** A 404 that keeps the FTP reply which said the path is missing. */
	static ErrorResponseException notFound(RemotePath path, FtpException reply) {
		ErrorResponseException problem = notFound(path);
		problem.getBody().setProperty("ftpCode", reply.replyCode());
		problem.getBody().setProperty("ftpReply", reply.replyText());
		return problem;
	}

	static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, detail);
	}

	static ErrorResponseException preconditionFailed(String detail) {
		return problem(HttpStatus.PRECONDITION_FAILED, detail);
	}

	static ErrorResponseException badRequest(String detail) {
		return problem(HttpStatus.BAD_REQUEST, detail);
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
