package dev.ftpgateway.pool;

import java.io.IOException;

import dev.ftpgateway.ftp.FtpException;

/**
 * The gateway's own sessions could not be opened: the FTP server could not be reached, would
 * not secure the connection, or refused the gateway's login. The message says what happened and
 * where (host and port, never a password), {@link #reason()} says it as a value, and when a reply
 * caused it, {@link #replyCode()} and {@link #replyText()} keep it. The web layer answers 502, or
 * 504 when the server did not answer in time.
 */
public class BackendUnavailableException extends IOException {

	private static final long serialVersionUID = 1L;

	/** What went wrong, each with its own likely fix. */
	public enum Reason {

		/** The host name does not resolve. */
		HOST_NOT_FOUND,

		/** Nothing accepts connections at the host and port. */
		CONNECTION_REFUSED,

		/** The connection failed or broke otherwise (no route, reset, closed). */
		CONNECTION_FAILED,

		/** No answer in time: to the connect, the greeting, AUTH TLS or the login. */
		TIMEOUT,

		/** Something answered that is not an FTP server (an SSH or HTTP port, say). */
		NOT_FTP,

		/** TLS is configured but the server does not offer it: AUTH TLS refused, or plain text where TLS was due. */
		TLS_NOT_OFFERED,

		/** The TLS handshake failed: an untrusted certificate, a host name mismatch, no common protocol. */
		TLS_FAILED,

		/** The server refused the gateway's user name or password (530, 532). */
		LOGIN_REFUSED,

		/** The server refused with another reply, kept in {@link #replyCode()} and {@link #replyText()}. */
		REFUSED

	}

	private final Reason reason;

	private final int replyCode;

	private final String replyText;

	/**
	 * @param reason what went wrong
	 * @param message what happened and where, for an operator to act on
	 * @param cause the client's own exception; its reply, if any, is kept
	 */
	public BackendUnavailableException(Reason reason, String message, IOException cause) {
		super(message, cause);
		this.reason = reason;
		this.replyCode = (cause instanceof FtpException reply) ? reply.replyCode() : -1;
		this.replyText = (cause instanceof FtpException reply) ? reply.replyText() : null;
	}

	/** What went wrong. */
	public Reason reason() {
		return this.reason;
	}

	/** Whether the server did not answer in time. */
	public boolean timedOut() {
		return this.reason == Reason.TIMEOUT;
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
