package dev.ftpgateway.pool;

import java.io.IOException;

import dev.ftpgateway.ftp.FtpException;

/**
 * The gateway's own sessions could not be opened: the FTP server could not be reached, or it
 * refused the gateway's login. The message says what happened and where (host and port, never a
 * password); when a reply caused it, {@link #replyCode()} and {@link #replyText()} keep it. The
 * web layer answers 502.
 */
public class BackendUnavailableException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int replyCode;

	private final String replyText;

	/**
	 * @param message what happened and where, for an operator to act on
	 * @param cause the client's own exception; its reply, if any, is kept
	 */
	public BackendUnavailableException(String message, IOException cause) {
		super(message, cause);
		this.replyCode = (cause instanceof FtpException reply) ? reply.replyCode() : -1;
		this.replyText = (cause instanceof FtpException reply) ? reply.replyText() : null;
	}

	/** The code of the FTP reply that caused this, or -1 when none did. */
	public int replyCode() {
		return this.replyCode;
	}

	/** The full text of the FTP reply that caused this, or {@code null} when none did. */
	public String replyText() {
		return this.replyText;
	}

}
