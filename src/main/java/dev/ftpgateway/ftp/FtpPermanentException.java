package dev.ftpgateway.ftp;

/**
 * Raised for a 5xx reply: the request failed and will fail again as it is. ftplib's {@code error_perm}.
 */
public class FtpPermanentException extends FtpException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception for a reply.
	 * @param reply the server's reply
	 */
	public FtpPermanentException(Reply reply) {
		super(reply);
	}

}
