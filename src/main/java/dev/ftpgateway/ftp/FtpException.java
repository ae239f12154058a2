package dev.ftpgateway.ftp;

import java.io.IOException;

/**
 * Base of every error the FTP client raises because of the server or the connection, as
 * opposed to a caller's programming error. It extends {@link IOException}, so
 * {@code catch (IOException e)} plays the role of ftplib's {@code all_errors}: it catches
 * these, socket errors and timeouts alike.
 */
public class FtpException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int replyCode;

	private final String replyText;

	/**
	 * Creates an exception for a reply.
	 * @param reply the server's reply that caused it
	 */
	public FtpException(Reply reply) {
		this(reply.text(), reply.code(), reply.text());
	}

	/**
	 * Creates an exception with a message of its own.
	 * @param message what went wrong
	 * @param replyCode the reply code involved, or -1 when there is none
	 * @param replyText the full text of the reply involved, or {@code null}
	 */
	public FtpException(String message, int replyCode, String replyText) {
		super(message);
		this.replyCode = replyCode;
		this.replyText = replyText;
	}

	/** The reply code, or -1 when the error did not come with a well-formed reply. */
	public int replyCode() {
		return this.replyCode;
	}

	/** The full reply text (all lines, joined by newlines), or {@code null} when there was none. */
	public String replyText() {
		return this.replyText;
	}

}
