package dev.ftpgateway.web.transfer;

import java.io.IOException;

/**
 * Thrown when a request body ends early or cannot be read: the caller's side failed, not the FTP
 * server's, so it is answered with 400 and never blamed on the upstream.
 */
public class IncompleteUploadException extends IOException {

	public IncompleteUploadException(String message, Throwable cause) {
		super(message, cause);
	}

}
