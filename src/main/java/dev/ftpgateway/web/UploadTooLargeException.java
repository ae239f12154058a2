package dev.ftpgateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload is larger than the gateway accepts: 413 problem+json. Unchecked, so that thrown
 * from the request body in the middle of a copy it passes the body's IOException wrapping and
 * the upload fails, aborts and cleans up like any other failed upload.
 */
class UploadTooLargeException extends ErrorResponseException {

	UploadTooLargeException(long maxBytes) {
		super(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"Uploads are limited to " + maxBytes + " bytes; nothing was stored"), null);
	}

}
