package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
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
 *
 * <p>It is also a {@link ReadableByteChannel}: on a plain passive data connection
 * {@link #read(ByteBuffer)} reads the socket's channel straight into the buffer, so with a
 * direct buffer the bytes never pass through the Java heap (see {@link #readsChannelDirectly()}).
 * The data timeout applies to those reads too.
 */
public final class TransferInputStream extends InputStream implements ReadableByteChannel {

	private static final int MAX_BRIDGE_BYTES = 64 * 1024;

	private final Transfer transfer;

	private final Socket socket;

	private final InputStream in;

	/** The data socket's channel, when it has one and carries the bytes unencrypted. */
	private final SocketChannel channel;

	private boolean endReached;

	private boolean failed;

	private boolean closed;

	private ChannelReadTimeout channelReadTimeout;

	/** For {@link #read(ByteBuffer)} into a direct buffer when there is no channel to read. */
	private byte[] bridge;

	/**
	 * The stream of a download whose first data byte (or the end of its data) has arrived, so a
	 * server that answers its 150 with a 425 instead of data fails here; the transfer is aborted
	 * when it does.
	 */
	static TransferInputStream afterFirstData(Transfer transfer) throws IOException {
		try {
			transfer.awaitFirstData();
		}
		catch (IOException | RuntimeException ex) {
			transfer.abort();
			throw ex;
		}
		return new TransferInputStream(transfer);
	}

	private TransferInputStream(Transfer transfer) throws IOException {
		this.transfer = transfer;
		this.socket = transfer.socket();
		this.in = transfer.input();
		// A TLS data socket has no channel: its bytes must be decrypted on the way.
		this.channel = this.socket.getChannel();
		transfer.streaming();
	}

	/** The size the server announced in its 150 reply, if it did. */
	public OptionalLong expectedSize() {
		return this.transfer.expectedSize();
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n == -1) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		ensureOpen();
		try {
			return counted(this.in.read(buffer, offset, length));
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/**
	 * Whether {@link #read(ByteBuffer)} reads the data socket's channel into the buffer itself:
	 * true for plain passive data connections, false for TLS and active ones, where it reads
	 * through a byte array.
	 */
	public boolean readsChannelDirectly() {
		return this.channel != null;
	}

	/**
	 * Reads into {@code buffer}, blocking until at least one byte arrived, the data ended (-1)
	 * or the data timeout passed ({@link SocketTimeoutException}).
	 */
	@Override
	public int read(ByteBuffer buffer) throws IOException {
		ensureOpen();
		if (this.channel == null) {
			return readThroughArray(buffer);
		}
		int first = this.transfer.takeFirstByte();
		if (first != Transfer.NO_BYTE) {
			if (first >= 0) {
				buffer.put((byte) first);
			}
			return counted((first >= 0) ? 1 : -1);
		}
		ChannelReadTimeout timeout = channelReadTimeout();
		try {
			if (timeout != null) {
				timeout.reading();
			}
			return counted(this.channel.read(buffer));
		}
		catch (AsynchronousCloseException ex) {
			this.failed = true;
			if (timeout != null && timeout.expired()) {
				throw new SocketTimeoutException("Read timed out");
			}
			throw ex;
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
		finally {
			if (timeout != null) {
				timeout.idle();
			}
		}
	}

	/** The timeout for channel reads, from the socket's SO_TIMEOUT; null when reads may block forever. */
	private ChannelReadTimeout channelReadTimeout() throws IOException {
		if (this.channelReadTimeout == null) {
			int millis = this.socket.getSoTimeout();
			if (millis > 0) {
				this.channelReadTimeout = new ChannelReadTimeout(this.channel, Duration.ofMillis(millis));
			}
		}
		return this.channelReadTimeout;
	}

	private int readThroughArray(ByteBuffer buffer) throws IOException {
		if (!buffer.hasRemaining()) {
			return 0;
		}
		if (buffer.hasArray()) {
			int n = read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
			if (n > 0) {
				buffer.position(buffer.position() + n);
			}
			return n;
		}
		if (this.bridge == null) {
			this.bridge = new byte[Math.min(buffer.remaining(), MAX_BRIDGE_BYTES)];
		}
		int n = read(this.bridge, 0, Math.min(buffer.remaining(), this.bridge.length));
		if (n > 0) {
			buffer.put(this.bridge, 0, n);
		}
		return n;
	}

	private void ensureOpen() throws IOException {
		if (this.closed) {
			throw new IOException("Stream closed");
		}
	}

	private int counted(int n) throws IOException {
		if (n == -1) {
			this.endReached = true;
		}
		else {
			this.transfer.moved(n);
		}
		return n;
	}

	@Override
	public boolean isOpen() {
		return !this.closed;
	}

	/** Ends the transfer early, whatever has been read, without reporting an error. */
	public void abort() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stopChannelReadTimeout();
		this.transfer.abort();
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
		stopChannelReadTimeout();
		this.transfer.finish();
	}

	private void stopChannelReadTimeout() {
		if (this.channelReadTimeout != null) {
			this.channelReadTimeout.close();
		}
	}

}
