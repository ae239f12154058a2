package dev.ftpgateway.files;

/**
 * Thrown when a path cannot safely become an FTP path; nothing has been sent to the server.
 */
public class InvalidRemotePathException extends IllegalArgumentException {

	public InvalidRemotePathException(String message) {
		super(message);
	}

}
