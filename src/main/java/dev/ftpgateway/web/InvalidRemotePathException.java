package dev.ftpgateway.web;

/**
 * Thrown when a request path cannot safely become an FTP path; always answered with 400 before
 * any FTP command is sent.
 */
public class InvalidRemotePathException extends IllegalArgumentException {

	public InvalidRemotePathException(String message) {
		super(message);
	}

}
