package dev.ftpgateway.ftp;

/**
 * Raised for a 4xx reply: a transient failure, worth retrying later. ftplib's {@code error_temp}.
 */
public class FtpTemporaryException extends FtpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for a reply.
	 * @param reply the server's reply
	 */
	public FtpTemporaryException(Reply reply) {
		super(reply);
	}

}
