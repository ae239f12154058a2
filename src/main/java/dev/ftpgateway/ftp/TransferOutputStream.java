package dev.ftpgateway.ftp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An upload in progress, from {@link FtpClient#store}. Writing it writes the data connection;
 * {@link #close()} completes the transfer.
 *
 * <p>Lifecycle: the data connection is open and the server has sent its 1xx when the stream is
 * handed out; {@code close()} flushes, closes the data socket (which tells the server the file
 * is complete) and reads the final reply, throwing unless it is a 2xx. After a failed write, or
 * with {@link #abort()}, the transfer is aborted instead: ABOR goes out before the data socket
 * closes, so the server does not take the end of the data for the end of the file. (Whether it
 * keeps the part it received is up to the server: write to a temporary name when that matters.)
 * The client accepts no other command until the stream is closed or aborted.
 *
 * <p>{@link #write(ByteBuffer)} writes the socket's channel straight from the buffer, so with a
 * direct buffer the bytes never pass through the Java heap (see {@link #writesChannelDirectly()}).
 */
public final class TransferOutputStream extends OutputStream implements WritableByteChannel {

	private static final int MAX_BRIDGE_BYTES = 64 * 1024;

	private final Transfer transfer;

	/** The data socket's channel, when it has one and carries the bytes unencrypted. */
	private final SocketChannel channel;

	/** For {@link #write(ByteBuffer)} from a direct buffer when there is no channel to write. */
	private byte[] bridge;

	private final OutputStream out;

	private boolean failed;

	private boolean closed;

	TransferOutputStream(Transfer transfer) throws IOException {
		this.transfer = transfer;
		Socket socket = transfer.socket();
		// A TLS data socket has no channel: its bytes must be encrypted on the way.
		this.channel = socket.getChannel();
		// Large writes pass straight through; the buffer only gathers small ones.
		this.out = new BufferedOutputStream(socket.getOutputStream(), FtpClient.DEFAULT_BLOCK_SIZE);
		transfer.streaming();
	}

	@Override
	public void write(int b) throws IOException {
		checkOpen();
		try {
			this.out.write(b);
			this.transfer.moved(1);
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	@Override
	public void write(byte[] buffer, int offset, int length) throws IOException {
		checkOpen();
		try {
			this.out.write(buffer, offset, length);
			this.transfer.moved(length);
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/**
	 * Whether {@link #write(ByteBuffer)} writes the data socket's channel from the buffer itself:
	 * true for plain passive data connections, false for TLS and active ones, where it writes
	 * through a byte array.
	 */
	public boolean writesChannelDirectly() {
		return this.channel != null;
	}

	/** Writes all of {@code buffer}, after whatever earlier writes this stream still holds. */
	@Override
	public int write(ByteBuffer buffer) throws IOException {
		checkOpen();
		int length = buffer.remaining();
		try {
			if (this.channel == null) {
				writeThroughArray(buffer);
			}
			else {
				this.out.flush();
				while (buffer.hasRemaining()) {
					this.channel.write(buffer);
				}
			}
			this.transfer.moved(length);
			return length;
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	private void writeThroughArray(ByteBuffer buffer) throws IOException {
		if (buffer.hasArray()) {
			this.out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
			buffer.position(buffer.limit());
			return;
		}
		if (this.bridge == null) {
			this.bridge = new byte[MAX_BRIDGE_BYTES];
		}
		while (buffer.hasRemaining()) {
			int n = Math.min(buffer.remaining(), this.bridge.length);
			buffer.get(this.bridge, 0, n);
			this.out.write(this.bridge, 0, n);
		}
	}

	@Override
	public boolean isOpen() {
		return !this.closed;
	}

	@Override
	public void flush() throws IOException {
		checkOpen();
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/** Ends the upload without claiming it is complete. */
	public void abort() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.transfer.abort();
	}

	/**
	 * Completes the upload, or aborts it if a write failed.
	 * @throws FtpException if the server does not confirm the upload (e.g. 452/552 for a full
	 *         disk, 426 for a broken connection)
	 */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		if (this.failed) {
			abort();
			return;
		}
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			abort();
			throw ex;
		}
		this.closed = true;
		this.transfer.finish();
	}

	private void checkOpen() throws IOException {
		if (this.closed) {
			throw new IOException("Stream closed");
		}
	}

}
