package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One transfer and the data connection it owns, from the server's 1xx to its final reply: what
 * ftplib's {@code ntransfercmd} returns, plus the steps that end it.
 *
 * <p>Its states, each step checked:
 * <ol>
 * <li><b>opened</b>: the data connection is connected (and in TLS under PROT P), and the server
 * answered the transfer command with 1xx. {@link FtpClient#ntransferCommand} hands it out in
 * this state; its owner reads or writes {@link #socket()}, closes it, and reads the final reply
 * with {@link FtpClient#voidResponse()}, as with ftplib.</li>
 * <li><b>streaming</b>: a {@link TransferInputStream} or {@link TransferOutputStream} reads or
 * writes it; meanwhile the client refuses every other command, whose reply would be read as the
 * transfer's.</li>
 * <li><b>finished</b>: the data connection was closed (for an upload, after its output was shut
 * down, which tells the server the file is complete) and the server's 2xx was read. A 4xx/5xx
 * instead, or fewer bytes than the 150 reply announced, is an exception.</li>
 * <li><b>aborted</b>: ABOR was sent, the data connection closed and the dialogue brought back in
 * step, or marked broken when that failed.</li>
 * </ol>
 */
public final class Transfer implements Closeable {

	/** The copying part of a transfer: reads or writes the data connection to its end. */
	@FunctionalInterface
	interface Copy {

		void run() throws IOException;

	}

	private enum State {
		OPENED, STREAMING, FINISHED, ABORTED
	}

	/** How long each wait for the first data byte lasts before the control connection is looked at. */
	private static final Duration FIRST_DATA_POLL = Duration.ofMillis(100);

	/** How long each look at the control connection waits for a reply. */
	private static final Duration CONTROL_POLL = Duration.ofMillis(1);

	/** {@link #firstByte} before {@link #awaitFirstData()} read one, or once it was handed on. */
	static final int NO_BYTE = -2;

	private final String verb;

	private final Socket socket;

	private final OptionalLong expectedSize;

	private final Dialogue dialogue;

	private final Resync resync;

	private final ControlKeepAlive keepAlive;

	private final boolean binary;

	private final boolean checkSize;

	private State state = State.OPENED;

	private long bytes;

	/** The byte {@link #awaitFirstData()} read ahead, -1 for the end of the data, or {@link #NO_BYTE}. */
	private int firstByte = NO_BYTE;

	/** A 2xx the server sent while the first data was awaited: the final reply, already read. */
	private Reply earlyFinalReply;

	/**
	 * @param binary whether the event listener hears how it ended (binary transfers only)
	 * @param checkSize whether fewer bytes than the 150 reply announced fail the transfer
	 */
	Transfer(String command, Socket socket, OptionalLong expectedSize, Dialogue dialogue, Resync resync,
			ControlKeepAlive keepAlive, boolean binary, boolean checkSize) {
		this.verb = Dialogue.verbOf(command);
		this.socket = socket;
		this.expectedSize = expectedSize;
		this.dialogue = dialogue;
		this.resync = resync;
		this.keepAlive = keepAlive;
		this.binary = binary;
		this.checkSize = checkSize;
		keepAlive.transferStarted();
	}

	/** The connected data socket. */
	public Socket socket() {
		return this.socket;
	}

	/** The size the server announced in its 150 reply, if it did. */
	public OptionalLong expectedSize() {
		return this.expectedSize;
	}

	/**
	 * Waits until a download shows it works: its first byte, or its end, arrives on the data
	 * connection. Meanwhile the control connection is watched: a server that could not open or
	 * serve the data connection says so there after its 150 (425, 426, 451), and that reply ends
	 * the wait at once, as the exception it is, instead of after the data timeout. The byte read
	 * ahead is handed on by {@link #takeFirstByte()}.
	 * @throws FtpException the server's failure reply; the transfer has then ended
	 * @throws SocketTimeoutException when neither data nor a reply came within the data timeout
	 */
	void awaitFirstData() throws IOException {
		InputStream in = this.socket.getInputStream();
		if (in.available() > 0) {
			// Usually so by the time the 150 is read: no socket options to change for a small file.
			this.firstByte = in.read();
			return;
		}
		int dataTimeoutMillis = this.socket.getSoTimeout();
		long deadline = System.nanoTime() + Duration.ofMillis(dataTimeoutMillis).toNanos();
		int pollMillis = Timeouts.millis(FIRST_DATA_POLL);
		this.socket.setSoTimeout((dataTimeoutMillis > 0) ? Math.min(pollMillis, dataTimeoutMillis) : pollMillis);
		try {
			while (this.firstByte == NO_BYTE) {
				try {
					this.firstByte = in.read();
				}
				catch (SocketTimeoutException ex) {
					watchControl();
					if (dataTimeoutMillis > 0 && System.nanoTime() - deadline > 0) {
						throw new SocketTimeoutException("No data within " + dataTimeoutMillis + " ms");
					}
				}
			}
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(dataTimeoutMillis);
			}
		}
	}

	/** Reads a reply if the server sent one: a failure ends the transfer, a 2xx is kept as its final reply. */
	private void watchControl() throws IOException {
		if (this.earlyFinalReply != null) {
			return;
		}
		Optional<Reply> reply = this.dialogue.readReplyWithin(CONTROL_POLL);
		if (reply.isEmpty() || reply.get().isPreliminary()) {
			return;
		}
		if (reply.get().isPositiveCompletion()) {
			this.earlyFinalReply = reply.get();
			return;
		}
		end(State.ABORTED);
		closeDataConnection();
		report(false);
		try {
			this.dialogue.checked(reply.get());
			throw new FtpReplyException(reply.get());
		}
		finally {
			settleUnlessBroken();
		}
	}

	/**
	 * The byte {@link #awaitFirstData()} read ahead, once: -1 when the data ended there, or
	 * {@code -2} when there is none (left).
	 */
	int takeFirstByte() {
		int first = this.firstByte;
		if (first != -1) {
			this.firstByte = NO_BYTE;
		}
		return first;
	}

	/** The data connection's input, the byte read ahead by {@link #awaitFirstData()} first. */
	InputStream input() throws IOException {
		InputStream in = this.socket.getInputStream();
		return new InputStream() {

			@Override
			public int read() throws IOException {
				int first = takeFirstByte();
				return (first != NO_BYTE) ? first : in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (length == 0) {
					return 0;
				}
				int first = takeFirstByte();
				if (first == NO_BYTE) {
					return in.read(buffer, offset, length);
				}
				if (first == -1) {
					return -1;
				}
				buffer[offset] = (byte) first;
				return 1;
			}

		};
	}

	/** Hands the transfer to a stream: the dialogue accepts no command until it ends. */
	void streaming() {
		checkState(State.OPENED);
		this.dialogue.busyWith(this);
		this.state = State.STREAMING;
	}

	/**
	 * Counts bytes that crossed the data connection, and sends a keep-alive NOOP on the control
	 * connection when one is due. A control connection that fails here is broken, and the
	 * transfer with it.
	 */
	void moved(long count) throws IOException {
		this.bytes += count;
		if (this.keepAlive.isEnabled() && !this.dialogue.isClosed()) {
			this.keepAlive.dataMoved(this.dialogue);
		}
	}

	/**
	 * Ends the transfer successfully: closes the data connection and reads the final reply.
	 * @return the final 2xx reply
	 * @throws FtpException if the server reports a failure, or fewer bytes arrived than it announced
	 */
	Reply finish() throws IOException {
		if (this.state != State.OPENED) {
			checkState(State.STREAMING);
		}
		end(State.FINISHED);
		boolean succeeded = false;
		try {
			if (isUpload()) {
				endUpload();
			}
			else {
				this.socket.close();
			}
			Reply reply;
			try {
				reply = (this.earlyFinalReply != null) ? this.earlyFinalReply : this.resync.finalReply();
			}
			catch (FtpTemporaryException | FtpPermanentException ex) {
				settleUnlessBroken();
				throw ex;
			}
			if (this.checkSize) {
				checkComplete(reply);
			}
			succeeded = true;
			return reply;
		}
		finally {
			report(succeeded);
		}
	}

	/**
	 * Runs {@code copy}, then finishes the transfer; a failure of the copy aborts the transfer
	 * instead and is rethrown.
	 */
	Reply copyAndFinish(Copy copy) throws IOException {
		try {
			copy.run();
		}
		catch (IOException | RuntimeException ex) {
			abort();
			throw ex;
		}
		return finish();
	}

	/**
	 * Ends the transfer early without claiming success: ABOR, then the data connection is closed
	 * (so a server blocked writing to it wakes up; for an upload, closing only after ABOR keeps
	 * the server from taking the end of the data for a complete file), then the replies are read
	 * until the dialogue is in step. Never throws; does nothing once the transfer has ended.
	 */
	void abort() {
		if (this.state == State.FINISHED || this.state == State.ABORTED) {
			return;
		}
		end(State.ABORTED);
		this.resync.abortQuietly(this.socket);
		report(false);
	}

	/** Whether the transfer has finished or been aborted. */
	boolean hasEnded() {
		return this.state == State.FINISHED || this.state == State.ABORTED;
	}

	/** Closes the data connection; for a transfer handed out opened, its owner then reads the final reply. */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** Drops the data connection of a client that is closing, whatever the transfer's state. */
	void closeDataConnection() {
		Resync.closeQuietly(this.socket);
	}

	private void settleUnlessBroken() {
		if (!this.dialogue.isBroken()) {
			this.resync.settleAfterFailure();
		}
	}

	private void end(State ended) {
		if (this.state == State.STREAMING) {
			this.dialogue.idle();
		}
		this.state = ended;
	}

	private boolean isUpload() {
		return this.verb.equals("STOR") || this.verb.equals("APPE") || this.verb.equals("STOU");
	}

	/**
	 * Tells the server the upload is complete: the end of the data connection is the end of the
	 * file in stream mode. A failure here (a server that resets the connection once it has read
	 * everything) is not the verdict: the final reply on the control connection is, and it must
	 * be read either way to keep the dialogue in step.
	 */
	private void endUpload() {
		try (Socket closing = this.socket) {
			closing.shutdownOutput();
		}
		catch (IOException ex) {
			// See above: the final reply is read next.
		}
	}

	/** A dropped data connection is never a silent short read. */
	private void checkComplete(Reply reply) throws FtpProtocolException {
		if (this.expectedSize.isPresent() && this.bytes < this.expectedSize.getAsLong()) {
			throw new FtpProtocolException(
					"Data connection closed after " + this.bytes + " of " + this.expectedSize.getAsLong() + " bytes",
					reply);
		}
	}

	private void report(boolean succeeded) {
		if (this.binary) {
			this.dialogue.events().transferCompleted(this.verb, this.bytes, succeeded);
		}
	}

	private void checkState(State expected) {
		if (this.state != expected) {
			throw new IllegalStateException("Transfer is " + this.state.name().toLowerCase(Locale.ROOT) + ", not "
					+ expected.name().toLowerCase(Locale.ROOT));
		}
	}

}
