package dev.ftpgateway.web.problem;

import org.springframework.http.HttpStatus;

import dev.ftpgateway.files.FileOperationException;

/** Chooses the HTTP status for a file operation that what is on the FTP server ruled out. */
public final class FileProblemStatus {

	private FileProblemStatus() {
	}

	public static HttpStatus forReason(FileOperationException.Reason reason) {
		return switch (reason) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
			case NOT_APPLICABLE -> HttpStatus.BAD_REQUEST;
			case OUTSIDE_ROOT -> HttpStatus.FORBIDDEN;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case GONE -> HttpStatus.GONE;
		};
	}

}
