package dev.ftpgateway.ftp;

/**
 * Raised when the server says something that is not an FTP reply: a line that does not start
 * with a code from 1xx to 5xx, a line longer than the client accepts, a reply that never ends,
 * or a reply whose required parts (a PASV address, say) cannot be read. ftplib's
 * {@code error_proto}. A connection that produced one is no longer trusted.
 */
public class FtpProtocolException extends FtpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for input that is not a valid reply.
	 * @param message what was wrong, quoting the offending input
	 */
	public FtpProtocolException(String message) {
		super(message, -1, null);
	}

	/**
	 * Creates an exception for a well-formed reply whose content could not be used.
	 * @param message what was wrong
	 * @param reply the reply
	 */
	public FtpProtocolException(String message, Reply reply) {
		super(message + ": " + reply.text(), reply.code(), reply.text());
	}

}
