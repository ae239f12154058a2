package dev.ftpgateway.ftp;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

/**
 * The control connection: owns the socket, writes command lines and reads replies. It knows
 * the wire format (CRLF, the Telnet bytes of ABOR) but not what any command means.
 */
final class ControlConnection implements Closeable {

	private static final int IAC = 255;

	private static final int IP = 244;

	private static final int DM = 242;

	private Socket socket;

	private OutputStream out;

	private ReplyReader replies;

	private final NameCodec codec;

	private final DialogueLog log;

	private ControlConnection(Socket socket, Charset charset, DialogueLog log) throws IOException {
		this.codec = NameCodec.of(charset);
		this.log = log;
		use(socket);
	}

	private void use(Socket socket) throws IOException {
		this.socket = socket;
		this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
		// No BufferedInputStream: the ReplyReader's LineReader reads in blocks itself.
		this.replies = new ReplyReader(socket.getInputStream(), this.codec, this.log);
	}

	/**
	 * Continues the conversation over another socket layered on this one: TLS after AUTH TLS
	 * or on an implicit-TLS port, plain TCP again after CCC. Call only between replies, when
	 * nothing is buffered.
	 */
	void switchTo(Socket layered) throws IOException {
		use(layered);
	}

	Socket socket() {
		return this.socket;
	}

	/**
	 * Opens a control connection.
	 * @param address where to connect
	 * @param sourceAddress the local address to bind, or {@code null} for any
	 * @param connectTimeout how long the TCP connect may take
	 * @param replyTimeout how long to wait for each read of a reply
	 */
	static ControlConnection open(InetSocketAddress address, InetSocketAddress sourceAddress,
			Duration connectTimeout, Duration replyTimeout, Charset charset, DialogueLog log) throws IOException {
		Socket socket = new Socket();
		try {
			if (sourceAddress != null) {
				socket.bind(sourceAddress);
			}
			socket.connect(address, Timeouts.millis(connectTimeout));
			socket.setSoTimeout(Timeouts.millis(replyTimeout));
			// Commands are single small writes waiting for a reply: Nagle would only delay them.
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
			return new ControlConnection(socket, charset, log);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Sends one command line, names in it encoded by the {@link NameCodec}.
	 * @throws IllegalArgumentException if the line contains CR, LF or NUL: such a line would
	 *         smuggle a second command to the server, so nothing is written
	 * @throws FtpUnencodableNameException if the charset cannot write the line; nothing is written
	 */
	void send(String line) throws IOException {
		write(line);
		this.out.flush();
	}

	/**
	 * Sends several command lines in one write, for servers that take commands while they still
	 * answer earlier ones. Every line is checked and encoded before any is written: a batch that
	 * went out in part would leave replies unread that later commands would take for their own.
	 */
	void sendAll(List<String> lines) throws IOException {
		List<byte[]> encoded = new ArrayList<>(lines.size());
		for (String line : lines) {
			encoded.add(encode(line));
		}
		for (int i = 0; i < lines.size(); i++) {
			write(lines.get(i), encoded.get(i));
		}
		this.out.flush();
	}

	private void write(String line) throws IOException {
		write(line, encode(line));
	}

	private byte[] encode(String line) {
		checkSafe(line);
		return this.codec.encode(line);
	}

	private void write(String line, byte[] encoded) throws IOException {
		this.log.put(line);
		this.out.write(encoded);
		this.out.write('\r');
		this.out.write('\n');
	}

	/**
	 * Sends ABOR the way RFC 959 section 4.1.3 asks: Telnet Interrupt Process, then Telnet
	 * Synch (IAC as normal data, DM as TCP urgent data), then the command. Servers that are busy
	 * writing the data connection only notice the command through the urgent data. Under TLS
	 * there is no urgent data (RFC 4217 section 13.3), so only the command goes out.
	 */
	void sendAbort() throws IOException {
		if (this.socket instanceof SSLSocket) {
			send("ABOR");
			return;
		}
		this.log.put("ABOR (with Telnet IP and Synch)");
		this.out.write(IAC);
		this.out.write(IP);
		this.out.write(IAC);
		this.out.flush();
		this.socket.sendUrgentData(DM);
		this.out.write(this.codec.encode("ABOR\r\n"));
		this.out.flush();
	}

	void setReadTimeout(Duration timeout) throws IOException {
		this.socket.setSoTimeout(Timeouts.millis(timeout));
	}

	Reply read() throws IOException {
		return this.replies.read();
	}

	InetAddress peerAddress() {
		return this.socket.getInetAddress();
	}

	InetAddress localAddress() {
		return this.socket.getLocalAddress();
	}

	boolean isOpen() {
		return !this.socket.isClosed();
	}

	static void checkSafe(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\r' || c == '\n' || c == '\0') {
				throw new IllegalArgumentException("Command contains CR, LF or NUL: " + DialogueLog.mask(line).strip());
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
