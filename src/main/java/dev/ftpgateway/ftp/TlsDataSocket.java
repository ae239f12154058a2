package dev.ftpgateway.ftp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A TLS data connection driven by an {@link SSLEngine}, presented as a {@link Socket} because
 * ftplib's {@code transfercmd} hands out a socket.
 *
 * <p>Why an engine and not a layered {@code SSLSocket}: servers such as vsftpd
 * ({@code require_ssl_reuse}) and proftpd refuse a data connection whose TLS session does not
 * resume the control connection's. JSSE looks sessions up by peer host and port; a layered
 * socket takes the port of the data connection and never finds the control session, while an
 * engine created with the control connection's host and port offers it (vsftpd 3.0.3 and
 * proftpd 1.3.8 in the interop tests refuse the layered socket and accept the engine; README,
 * "FTPS").
 */
final class TlsDataSocket extends Socket {

	private static final int DRAIN_TIMEOUT_MILLIS = 2000;

	private static final long MAX_DRAIN_BYTES = 1 << 20;

	private final Socket transport;

	private final SSLEngine engine;

	private final InputStream rawIn;

	private final OutputStream rawOut;

	private final ByteBuffer netIn;

	private final ByteBuffer appIn;

	private ByteBuffer netOut;

	private final InputStream in = new EngineInputStream();

	private final OutputStream out = new EngineOutputStream();

	private boolean inboundDone;

	private boolean closed;

	TlsDataSocket(Socket transport, SSLEngine engine) throws IOException {
		this.transport = transport;
		this.engine = engine;
		this.rawIn = transport.getInputStream();
		this.rawOut = transport.getOutputStream();
		SSLSession session = engine.getSession();
		this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
		this.netIn.flip();
		this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
		this.appIn.flip();
		this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
	}

	/** Runs the TLS handshake; call once, before any data. */
	void handshake() throws IOException {
		this.engine.beginHandshake();
		HandshakeStatus status = this.engine.getHandshakeStatus();
		while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
			switch (status) {
				case NEED_WRAP -> status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					SSLEngineResult result = unwrap();
					if (result == null) {
						throw new EOFException("Data connection closed during the TLS handshake");
					}
					status = result.getHandshakeStatus();
				}
				case NEED_TASK -> {
					runTasks();
					status = this.engine.getHandshakeStatus();
				}
				default -> throw new SSLException("Unexpected handshake status " + status);
			}
		}
	}

	/** The TLS session of this connection, to check that it resumed the control connection's. */
	SSLSession session() {
		return this.engine.getSession();
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	/** Wraps application bytes (or handshake/close messages) and sends them. */
	private SSLEngineResult wrap(ByteBuffer source) throws IOException {
		while (true) {
			this.netOut.clear();
			SSLEngineResult result = this.engine.wrap(source, this.netOut);
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				this.netOut = ByteBuffer.allocate(this.netOut.capacity() * 2);
				continue;
			}
			this.netOut.flip();
			this.rawOut.write(this.netOut.array(), 0, this.netOut.limit());
			this.rawOut.flush();
			if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
				runTasks();
			}
			return result;
		}
	}

	/**
	 * Unwraps one record into {@link #appIn}, reading from the network as needed.
	 * @return the result, or {@code null} at the end of the TCP stream
	 */
	private SSLEngineResult unwrap() throws IOException {
		while (true) {
			this.appIn.compact();
			SSLEngineResult result;
			try {
				result = this.engine.unwrap(this.netIn, this.appIn);
			}
			finally {
				this.appIn.flip();
			}
			switch (result.getStatus()) {
				case OK, CLOSED -> {
					if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
						runTasks();
					}
					return result;
				}
				case BUFFER_UNDERFLOW -> {
					if (!fill()) {
						return null;
					}
				}
				case BUFFER_OVERFLOW -> throw new SSLException("TLS record larger than the application buffer");
			}
		}
	}

	/** Reads more network bytes into {@link #netIn}; false at the end of the stream. */
	private boolean fill() throws IOException {
		this.netIn.compact();
		try {
			int n = this.rawIn.read(this.netIn.array(), this.netIn.position(), this.netIn.remaining());
			if (n == -1) {
				return false;
			}
			this.netIn.position(this.netIn.position() + n);
			return true;
		}
		finally {
			this.netIn.flip();
		}
	}

	private int readDecrypted(byte[] buffer, int offset, int length) throws IOException {
		while (!this.appIn.hasRemaining()) {
			if (this.inboundDone) {
				return -1;
			}
			SSLEngineResult result = unwrap();
			if (result == null || result.getStatus() == SSLEngineResult.Status.CLOSED) {
				// Many servers end the data connection without close_notify; the end of the
				// file is vouched for by the 226 reply and the size check, not by TLS.
				this.inboundDone = true;
				continue;
			}
			if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
				// TLS 1.3 key updates need an answer while reading.
				wrap(ByteBuffer.allocate(0));
			}
		}
		int n = Math.min(length, this.appIn.remaining());
		this.appIn.get(buffer, offset, n);
		return n;
	}

	private void writeEncrypted(byte[] buffer, int offset, int length) throws IOException {
		ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
		while (source.hasRemaining()) {
			SSLEngineResult result = wrap(source);
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new SocketException("TLS connection closed");
			}
		}
	}

	@Override
	public InputStream getInputStream() {
		return this.in;
	}

	@Override
	public OutputStream getOutputStream() {
		return this.out;
	}

	/**
	 * Ends an upload: close_notify, then FIN, then whatever the server still sends is read
	 * until it closes. Closing with unread bytes in the receive buffer (a TLS 1.3 session ticket
	 * the server sent at the start) would reset the connection, and a reset makes the server
	 * drop data it has not read yet: pyftpdlib kept a tenth of a 3 MB upload that way.
	 */
	@Override
	public void shutdownOutput() throws IOException {
		this.engine.closeOutbound();
		wrap(ByteBuffer.allocate(0));
		this.transport.shutdownOutput();
		int timeout = this.transport.getSoTimeout();
		this.transport.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
		try {
			// Through the engine rather than discarded, so the server's close_notify is read as one.
			long drained = 0;
			SSLEngineResult result;
			while (drained < MAX_DRAIN_BYTES && (result = unwrap()) != null
					&& result.getStatus() != SSLEngineResult.Status.CLOSED) {
				drained += result.bytesConsumed();
				this.appIn.position(this.appIn.limit());
			}
		}
		catch (IOException ex) {
			// A timeout (the server keeps the connection open) or a reset once it has read
			// everything: either way nothing more is coming, and the final reply on the control
			// connection says whether the upload is complete.
		}
		finally {
			this.transport.setSoTimeout(timeout);
		}
	}

	@Override
	public boolean isOutputShutdown() {
		return this.transport.isOutputShutdown();
	}

	/**
	 * Reads and discards what the server still sends after an ABOR, until it ends the data
	 * connection, at most for {@code wait} and {@code maxBytes}. Closing at once would reset a
	 * connection the server is writing to, and proftpd answers that reset under TLS
	 * ({@code SSL_ERROR_SYSCALL}: broken pipe) by dropping the whole session.
	 */
	void drainAfterAbort(Duration wait, long maxBytes) {
		try {
			this.transport.setSoTimeout((int) wait.toMillis());
			byte[] discard = new byte[16 * 1024];
			long drained = 0;
			int n;
			while (drained < maxBytes && (n = readDecrypted(discard, 0, discard.length)) != -1) {
				drained += n;
			}
		}
		catch (IOException ex) {
			// Nothing more to wait for: the caller closes the connection now.
		}
	}

	/**
	 * Sends close_notify, then closes the connection. For an upload the close_notify comes
	 * before the TCP close, which servers such as vsftpd require to accept the file as complete.
	 */
	@Override
	public synchronized void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.engine.closeOutbound();
			if (!this.transport.isClosed() && !this.transport.isOutputShutdown()) {
				wrap(ByteBuffer.allocate(0));
			}
		}
		catch (IOException ex) {
			// The peer may be gone already; closing is all that is left to do.
		}
		finally {
			this.transport.close();
		}
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public boolean isConnected() {
		return this.transport.isConnected();
	}

	@Override
	public InetAddress getInetAddress() {
		return this.transport.getInetAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.transport.getLocalAddress();
	}

	@Override
	public int getPort() {
		return this.transport.getPort();
	}

	@Override
	public int getLocalPort() {
		return this.transport.getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return this.transport.getRemoteSocketAddress();
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return this.transport.getLocalSocketAddress();
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		this.transport.setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return this.transport.getSoTimeout();
	}

	@Override
	public String toString() {
		return "TlsDataSocket[" + this.transport + "]";
	}

	private final class EngineInputStream extends InputStream {

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			return readDecrypted(buffer, offset, length);
		}

	}

	private final class EngineOutputStream extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			writeEncrypted(buffer, offset, length);
		}

	}

}
