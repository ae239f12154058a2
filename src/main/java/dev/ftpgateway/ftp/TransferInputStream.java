package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.OptionalLong;

/**
 * A download in progress, from {@link FtpClient#retrieve}. Reading it reads the data
 * connection; {@link #close()} completes the transfer.
 *
 * <p>Lifecycle: the data connection is open and the server has sent its 1xx when the stream is
 * handed out; reads run to the end of the data; {@code close()} then closes the data socket and
 * reads the final reply, throwing if it is not a 2xx or if fewer bytes came than the 150 reply
 * announced. Closing before the end, or after a failed read, aborts the transfer instead
 * (ABOR, then the control connection is brought back in step, or the session marked broken),
 * and never throws. The client accepts no other command until the stream is closed.
 */
public final class TransferInputStream extends InputStream {

	private final FtpClient client;

	private final String command;

	private final Socket socket;

	private final InputStream in;

	private final OptionalLong expectedSize;

	private final boolean checkSize;

	private long received;

	private boolean endReached;

	private boolean failed;

	private boolean closed;

	TransferInputStream(FtpClient client, String command, DataTransfer transfer, boolean checkSize) throws IOException {
		this.client = client;
		this.command = command;
		this.socket = transfer.socket();
		this.in = this.socket.getInputStream();
		this.expectedSize = transfer.expectedSize();
		this.checkSize = checkSize;
	}

	/** The size the server announced in its 150 reply, if it did. */
	public OptionalLong expectedSize() {
		return this.expectedSize;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.closed) {
			throw new IOException("Stream closed");
		}
		try {
			int n = this.in.read(buffer, offset, length);
			if (n == -1) {
				this.endReached = true;
			}
			else {
				this.received += n;
				this.client.dataMoved();
			}
			return n;
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/** Ends the transfer early, whatever has been read, without reporting an error. */
	public void abort() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.client.streamEnded();
		this.client.abortQuietly(this.socket);
		this.client.transferEnded(this.command, this.received, false);
	}

	/**
	 * Completes the transfer when all data was read; otherwise aborts it.
	 * @throws FtpException if the server reports that the transfer failed, or the data ended
	 *         short of the announced size
	 */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		if (!this.endReached || this.failed) {
			abort();
			return;
		}
		this.closed = true;
		this.client.streamEnded();
		boolean succeeded = false;
		try {
			this.socket.close();
			Reply reply = this.client.finishTransfer();
			if (this.checkSize) {
				FtpClient.checkComplete(this.expectedSize, this.received, reply);
			}
			succeeded = true;
		}
		finally {
			this.client.transferEnded(this.command, this.received, succeeded);
		}
	}

}
