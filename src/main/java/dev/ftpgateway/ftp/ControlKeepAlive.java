package dev.ftpgateway.ftp;

import java.io.IOException;

/**
 * Keeps the control connection of a long transfer from looking idle: a NOOP at an interval
 * while data flows, so a NAT or firewall that drops idle flows does not cut the control
 * connection and lose the final reply. The NOOPs are sent without waiting for their replies;
 * this counts them, so the final reply can be told apart from theirs.
 * <p>
 * Servers differ in when they answer: vsftpd and MINA FtpServer read the control connection
 * only after the transfer, so the 200s follow the 226; pyftpdlib answers at once, before it.
 */
final class ControlKeepAlive {

	private final ClientSettings settings;

	private long lastSent;

	private int pending;

	/** The interval is the settings' {@code controlKeepAlive}, read as data moves; zero turns keep-alive off. */
	ControlKeepAlive(ClientSettings settings) {
		this.settings = settings;
	}

	boolean isEnabled() {
		return !this.settings.controlKeepAlive().isZero();
	}

	/** A transfer has started: the control connection was just used for its command. */
	void transferStarted() {
		this.lastSent = System.nanoTime();
		this.pending = 0;
	}

	/** Data moved: sends a NOOP when the control connection has been quiet for the interval. */
	void dataMoved(Dialogue dialogue) throws IOException {
		if (!isEnabled()) {
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastSent >= this.settings.controlKeepAlive().toNanos()) {
			dialogue.sendWithoutReply("NOOP");
			this.lastSent = now;
			this.pending++;
		}
	}

	/** The NOOPs sent during this transfer whose replies have not been read; resets the count. */
	int takePending() {
		int noops = this.pending;
		this.pending = 0;
		return noops;
	}

	/**
	 * Whether a reply read while NOOP replies are outstanding answers a NOOP: 200, or the 500,
	 * 502 or 503 of a server that refuses commands during a transfer. A transfer ends with
	 * none of these (226/250, or 4xx/5xx codes of their own such as 426, 451 and 552).
	 */
	static boolean answersNoop(Reply reply) {
		int code = reply.code();
		return code == ReplyCode.COMMAND_OK || code == ReplyCode.SYNTAX_ERROR
				|| code == ReplyCode.COMMAND_NOT_IMPLEMENTED || code == ReplyCode.BAD_SEQUENCE;
	}

}
