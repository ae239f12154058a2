package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command dialogue of one control connection: ftplib's {@code putcmd}, {@code getresp},
 * {@code sendcmd} and {@code voidcmd}. It sends a command, reads its reply, raises on 4xx and
 * 5xx, and tells the event listener.
 *
 * <p>It is <em>broken</em> once the dialogue can no longer be trusted: an I/O error or timeout
 * on the control connection, a protocol violation, a 421, or an abort that could not find the
 * end of the replies it caused. Broken is for the life of this connection: it never turns back
 * to false, and a new connection gets a new dialogue.
 *
 * <p>While a transfer stream is open, the dialogue is busy with it and refuses commands: their
 * replies would be read as the transfer's.
 */
final class Dialogue implements Closeable {

	private final ControlConnection control;

	private final DialogueLog log;

	private final FtpEventListener events;

	private final ClientSettings settings;

	/** The read timeout the control socket has now: the settings' reply timeout, or a shorter wait. */
	private Duration appliedTimeout;

	private volatile boolean broken;

	private boolean closed;

	/** The transfer stream this dialogue is busy with, if any. */
	private Transfer busyWith;

	/** @param control a connection opened with the settings' reply timeout as its read timeout */
	Dialogue(ControlConnection control, DialogueLog log, ClientSettings settings) {
		this.control = control;
		this.log = log;
		this.events = settings.eventListener();
		this.settings = settings;
		this.appliedTimeout = settings.replyTimeout();
	}

	/** Sends a command, reads its reply, raises on 4xx/5xx (ftplib's {@code sendcmd}). */
	Reply command(String cmd) throws IOException {
		checkIdle();
		ControlConnection.checkSafe(cmd);
		this.log.command(cmd);
		long started = System.nanoTime();
		int replyCode = -1;
		try {
			this.control.send(cmd);
			Reply reply = response();
			replyCode = reply.code();
			return reply;
		}
		catch (FtpException ex) {
			replyCode = ex.replyCode();
			throw ex;
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
		finally {
			this.events.commandCompleted(verbOf(cmd), replyCode, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * Sends commands back to back and then reads their replies in order: one round trip for all
	 * of them. Only for servers known to take a command while they still answer the one before.
	 * @return each command's reply, 4xx and 5xx included (a 421 still breaks the dialogue)
	 */
	List<Reply> pipeline(List<String> cmds) throws IOException {
		checkIdle();
		long started = System.nanoTime();
		cmds.forEach(this.log::command);
		List<Reply> replies = new ArrayList<>(cmds.size());
		try {
			this.control.sendAll(cmds);
			for (String cmd : cmds) {
				Reply reply = readReply();
				if (reply.code() == ReplyCode.SERVICE_NOT_AVAILABLE) {
					this.broken = true;
				}
				replies.add(reply);
				this.events.commandCompleted(verbOf(cmd), reply.code(), Duration.ofNanos(System.nanoTime() - started));
			}
			return replies;
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/** Sends a command and expects a 2xx reply (ftplib's {@code voidcmd}). */
	Reply voidCommand(String cmd) throws IOException {
		return expectCompletion(command(cmd));
	}

	/** Sends a command whose refusal (4xx, 5xx) only deserves a log line. */
	void trySend(String cmd) throws IOException {
		try {
			command(cmd);
		}
		catch (FtpTemporaryException | FtpPermanentException ex) {
			this.log.event(cmd + " refused: " + ex.getMessage());
		}
	}

	/** Reads the server's greeting, after any "120 Service ready in nnn minutes" (RFC 959) before it. */
	Reply greeting() throws IOException {
		Reply reply = response();
		while (reply.isPreliminary()) {
			reply = response();
		}
		return reply;
	}

	/** Reads the next reply, raising on 4xx and 5xx (ftplib's {@code getresp}). */
	Reply response() throws IOException {
		return checked(readReply());
	}

	/** Reads the next reply and expects a 2xx (ftplib's {@code voidresp}). */
	Reply voidResponse() throws IOException {
		return expectCompletion(response());
	}

	static Reply expectCompletion(Reply reply) throws FtpReplyException {
		if (!reply.isPositiveCompletion()) {
			throw new FtpReplyException(reply);
		}
		return reply;
	}

	/** Raises on 4xx and 5xx replies; a 421 also marks the dialogue broken. */
	Reply checked(Reply reply) throws FtpException {
		return switch (reply.kind()) {
			case 4 -> {
				if (reply.code() == ReplyCode.SERVICE_NOT_AVAILABLE) {
					// The server is closing the control connection.
					this.broken = true;
				}
				throw new FtpTemporaryException(reply);
			}
			case 5 -> throw new FtpPermanentException(reply);
			default -> reply;
		};
	}

	/** Reads a reply whatever its code; a timeout breaks the dialogue. */
	Reply readReply() throws IOException {
		applyReadTimeout(this.settings.replyTimeout());
		try {
			return readReplyKeepingStep();
		}
		catch (SocketTimeoutException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/** Reads a reply if one arrives within {@code wait}; the reply timeout applies again afterwards. */
	Optional<Reply> readReplyWithin(Duration wait) throws IOException {
		Duration replyTimeout = this.settings.replyTimeout();
		applyReadTimeout((wait.compareTo(replyTimeout) < 0 || replyTimeout.isZero()) ? wait : replyTimeout);
		try {
			return Optional.of(readReplyKeepingStep());
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
	}

	/** Sets the control socket's read timeout when it differs from the one it has. */
	private void applyReadTimeout(Duration timeout) throws IOException {
		if (!timeout.equals(this.appliedTimeout)) {
			this.control.setReadTimeout(timeout);
			this.appliedTimeout = timeout;
		}
	}

	/**
	 * Reads a reply; a timeout leaves the dialogue usable (a partly read line is kept for the
	 * next read), every other failure breaks it.
	 */
	private Reply readReplyKeepingStep() throws IOException {
		try {
			Reply reply = this.control.read();
			this.log.reply(reply);
			return reply;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/**
	 * Sends a line without reading a reply: keep-alive NOOPs during a transfer and the markers
	 * of an abort, whose replies are read later. A failure breaks the dialogue.
	 */
	void sendWithoutReply(String line) throws IOException {
		try {
			this.control.send(line);
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/** Sends ABOR, with Telnet IP and Synch unless {@code plain}. */
	void sendAbort(boolean plain) throws IOException {
		this.log.command("ABOR");
		if (plain) {
			this.control.send("ABOR");
		}
		else {
			this.control.sendAbort();
		}
	}

	void markBroken() {
		this.broken = true;
	}

	boolean isBroken() {
		return this.broken;
	}

	/** A transfer stream is open: no command until it {@link #idle ends}. */
	void busyWith(Transfer transfer) {
		checkIdle();
		this.busyWith = transfer;
	}

	/** The transfer stream ended, successfully or not. */
	void idle() {
		this.busyWith = null;
	}

	boolean isBusy() {
		return this.busyWith != null;
	}

	private void checkIdle() {
		if (this.busyWith != null) {
			throw new IllegalStateException("A transfer stream is open: close it before the next command");
		}
	}

	void event(String message) {
		this.log.event(message);
	}

	FtpEventListener events() {
		return this.events;
	}

	ControlConnection connection() {
		return this.control;
	}

	/** Whether the connection is open: not closed by us, and its socket not closed either. */
	boolean isOpen() {
		return !this.closed && this.control.isOpen();
	}

	/** Whether {@link #close()} was called; FTPS swaps the socket beneath a dialogue that is not. */
	boolean isClosed() {
		return this.closed;
	}

	static String verbOf(String cmd) {
		int space = cmd.indexOf(' ');
		return ((space < 0) ? cmd : cmd.substring(0, space)).toUpperCase(Locale.ROOT);
	}

	/** Closes the control connection, and the data connection of an open transfer stream. */
	@Override
	public void close() throws IOException {
		this.closed = true;
		Transfer transfer = this.busyWith;
		this.busyWith = null;
		try {
			if (transfer != null) {
				transfer.closeDataConnection();
			}
		}
		finally {
			this.control.close();
		}
	}

}
