package dev.ftpgateway.ftp;

/**
 * Raised for a reply that is well-formed but not the one expected: a 1xx, 2xx or 3xx where another class was due. ftplib's {@code error_reply}.
 */
public class FtpReplyException extends FtpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for a reply.
	 * @param reply the server's reply
	 */
	public FtpReplyException(Reply reply) {
		super(reply);
	}

}
