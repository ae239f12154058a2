package dev.ftpgateway.ftp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Opens transfers, ftplib's {@code ntransfercmd}: makes the data connection (passive: EPSV or
 * PASV and connect; active: EPRT or PORT and accept), sends REST when a restart offset is given,
 * sends the transfer command and waits for its 1xx. A refusal on the way closes the data
 * connection and leaves the dialogue in step.
 */
final class TransferOpener {

	/** What happens to a data connection once the server accepted the transfer: FTPS wraps it in TLS. */
	@FunctionalInterface
	interface DataConnectionHook {

		Socket connected(Socket socket) throws IOException;

	}

	private final Dialogue dialogue;

	private final ClientSettings settings;

	private final Resync resync;

	private final ControlKeepAlive keepAlive;

	private final DataConnectionHook hook;

	private final DataConnector connector;

	TransferOpener(Dialogue dialogue, ClientSettings settings, Resync resync, ControlKeepAlive keepAlive,
			DataConnectionHook hook) {
		this.dialogue = dialogue;
		this.settings = settings;
		this.resync = resync;
		this.keepAlive = keepAlive;
		this.hook = hook;
		this.connector = new DataConnector(dialogue::command);
	}

	/**
	 * Opens a transfer.
	 * @param rest the restart offset sent with REST first, or {@code null}
	 * @param binary whether the event listener hears how the transfer ended
	 * @param checkSize whether the transfer fails when fewer bytes arrive than the 150 announced
	 * @throws FtpPermanentException if the server refuses the command (e.g. 550 no such file);
	 *         the data connection is closed and the dialogue stays in step
	 */
	Transfer open(String cmd, Long rest, boolean binary, boolean checkSize) throws IOException {
		ControlConnection.checkSafe(cmd);
		ControlConnection control = this.dialogue.connection();
		Socket socket;
		Reply reply;
		if (this.settings.passive()) {
			socket = this.connector.connectPassive(control.peerAddress(), this.settings.trustPassiveHost(),
					this.settings.allowPrivilegedDataPorts(), this.settings.sourceAddress(),
					this.settings.connectTimeout(), this.settings.dataTimeout());
			try {
				reply = start(cmd, rest);
			}
			catch (IOException | RuntimeException ex) {
				socket.close();
				throw ex;
			}
		}
		else {
			try (ServerSocket listener = this.connector.listenActive(control.localAddress(),
					this.settings.dataTimeout())) {
				reply = start(cmd, rest);
				try {
					socket = DataConnector.accept(listener, control.peerAddress(), this.settings.dataTimeout());
				}
				catch (IOException ex) {
					// The server has said 150 and will report its failed connect (425) on the
					// control connection: read that, or the next command reads it instead.
					throw explainDataFailure(ex);
				}
			}
		}
		try {
			socket = this.hook.connected(socket);
		}
		catch (IOException ex) {
			Resync.closeQuietly(socket);
			throw explainDataFailure(ex);
		}
		return new Transfer(cmd, socket, Replies.parse150(reply), this.dialogue, this.resync, this.keepAlive, binary,
				checkSize);
	}

	private Reply start(String cmd, Long rest) throws IOException {
		if (rest != null) {
			Reply restReply = this.dialogue.command("REST " + rest);
			if (!restReply.isIntermediate()) {
				throw new FtpReplyException(restReply);
			}
		}
		Reply reply;
		try {
			reply = this.dialogue.command(cmd);
		}
		catch (FtpException ex) {
			if (rest != null && rest != 0) {
				// Some servers keep the restart marker for the next transfer command; the next
				// RETR or STOR on this session would start at the wrong offset.
				this.dialogue.trySend("REST 0");
			}
			throw ex;
		}
		// ftplib: "Some servers apparently send a 200 reply to a LIST or STOR command, before
		// the 150 reply (and way before the 226 reply)."
		if (reply.isPositiveCompletion()) {
			reply = this.dialogue.response();
		}
		if (!reply.isPreliminary()) {
			throw new FtpReplyException(reply);
		}
		return reply;
	}

	/**
	 * A data connection failed after the transfer command was accepted (a TLS handshake the
	 * server rejected, typically): the server says why on the control connection, as vsftpd's
	 * {@code 522 SSL connection failed: session reuse required}. That reply makes the better
	 * error; the dialogue is in step once it is read.
	 */
	private IOException explainDataFailure(IOException failure) {
		try {
			Reply reply = this.dialogue.response();
			failure.addSuppressed(new FtpReplyException(reply));
			return failure;
		}
		catch (FtpTemporaryException | FtpPermanentException explained) {
			explained.addSuppressed(failure);
			return explained;
		}
		catch (IOException unexplained) {
			this.dialogue.markBroken();
			failure.addSuppressed(unexplained);
			return failure;
		}
	}

}
