package dev.ftpgateway.web.digest;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.ftpgateway.files.Digest;
import dev.ftpgateway.files.DigestMismatchException;

/**
 * An upload whose bytes do not have the digest its request gave is 400, with both digests in
 * the problem as RFC 9530 field values ({@code expected} and {@code actual}); nothing was stored.
 */
@RestControllerAdvice
public class DigestProblems {

	@ExceptionHandler(DigestMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(DigestMismatchException ex) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(ex,
				HttpStatus.BAD_REQUEST.value(), ex.getMessage()));
	}

	/** The problem for a mismatch, with both digests; for other statuses too (tus answers 460). */
	public static ProblemDetail problem(DigestMismatchException ex, int status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setProperty("expected", DigestFields.format(new Digest(ex.algorithm(), ex.expected())));
		problem.setProperty("actual", DigestFields.format(new Digest(ex.algorithm(), ex.actual())));
		return problem;
	}

}
