package dev.ftpgateway.ftp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Opens data connections, passive (EPSV, falling back to PASV) or active (EPRT, falling back
 * to PORT), and remembers which of the extended commands the server refused so the fallback
 * costs one round trip per session, not per transfer.
 */
final class DataConnector {

	/** Ports below this are privileged: where SMTP, SSH or the FTP control port itself listen. */
	private static final int FIRST_UNPRIVILEGED_PORT = 1024;

	/** Sends a command and returns its reply, raising on 4xx and 5xx. */
	@FunctionalInterface
	interface CommandChannel {

		Reply send(String command) throws IOException;

	}

	private final CommandChannel channel;

	private boolean epsvRefused;

	private boolean eprtRefused;

	DataConnector(CommandChannel channel) {
		this.channel = channel;
	}

	/**
	 * Asks the server for a passive data port and connects to it.
	 * @param peer the control connection's peer: the host data connections go to
	 * @param trustPassiveHost whether to connect to the host a 227 reply names instead of
	 *        {@code peer}
	 * @param allowPrivilegedPorts whether a port below 1024 may be connected to
	 * @throws FtpProtocolException when the server names a privileged port and that is not allowed
	 */
	Socket connectPassive(InetAddress peer, boolean trustPassiveHost, boolean allowPrivilegedPorts,
			InetSocketAddress source, Duration connectTimeout, Duration dataTimeout) throws IOException {
		InetSocketAddress target = passiveAddress(peer, trustPassiveHost);
		if (target.getPort() < FIRST_UNPRIVILEGED_PORT && !allowPrivilegedPorts) {
			// A server (or whoever forges its replies) could otherwise make the client send
			// file data to a mail or SSH server, or to the FTP control port, as Squid's
			// ftp_sanitycheck guards against too.
			throw new FtpProtocolException("The FTP server named privileged port " + target.getPort()
					+ " for a data connection; refused (allow it with allowPrivilegedDataPorts)");
		}
		// Opened as a channel so that downloads can read it into direct buffers
		// (TransferInputStream.read(ByteBuffer)); as a Socket it behaves like any other.
		Socket socket = SocketChannel.open().socket();
		try {
			if (source != null) {
				socket.bind(new InetSocketAddress(source.getAddress(), 0));
			}
			socket.connect(target, Timeouts.millis(connectTimeout));
			socket.setSoTimeout(Timeouts.millis(dataTimeout));
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private InetSocketAddress passiveAddress(InetAddress peer, boolean trustPassiveHost) throws IOException {
		if (!this.epsvRefused) {
			try {
				return new InetSocketAddress(peer, Replies.parse229(this.channel.send("EPSV")));
			}
			catch (FtpPermanentException ex) {
				if (peer instanceof Inet6Address) {
					throw ex;
				}
				this.epsvRefused = true;
			}
		}
		InetSocketAddress announced = Replies.parse227(this.channel.send("PASV"));
		// A server could name any host here and make us connect to it (FTP bounce); servers
		// behind NAT also name private addresses that are unreachable. The peer is the one
		// host we know is the server (curl's --ftp-skip-pasv-ip, the default since 7.74).
		InetAddress host = trustPassiveHost ? InetAddress.getByName(announced.getHostString()) : peer;
		return new InetSocketAddress(host, announced.getPort());
	}

	/**
	 * Listens on the control connection's local address and tells the server where with EPRT
	 * or PORT. The caller sends the transfer command, then {@link #accept accepts} the server's
	 * connection.
	 */
	ServerSocket listenActive(InetAddress local, Duration dataTimeout) throws IOException {
		ServerSocket listener = new ServerSocket(0, 1, local);
		try {
			listener.setSoTimeout(Timeouts.millis(dataTimeout));
			announce(local, listener.getLocalPort());
			return listener;
		}
		catch (IOException | RuntimeException ex) {
			listener.close();
			throw ex;
		}
	}

	private void announce(InetAddress local, int port) throws IOException {
		boolean ipv6 = local instanceof Inet6Address;
		if (ipv6 || !this.eprtRefused) {
			String host = local.getHostAddress();
			int scope = host.indexOf('%');
			if (scope >= 0) {
				host = host.substring(0, scope);
			}
			try {
				this.channel.send("EPRT |" + (ipv6 ? 2 : 1) + "|" + host + "|" + port + "|");
				return;
			}
			catch (FtpPermanentException ex) {
				if (ipv6) {
					throw ex;
				}
				this.eprtRefused = true;
			}
		}
		byte[] address = local.getAddress();
		this.channel.send("PORT " + (address[0] & 0xff) + "," + (address[1] & 0xff) + "," + (address[2] & 0xff) + ","
				+ (address[3] & 0xff) + "," + (port >> 8) + "," + (port & 0xff));
	}

	/**
	 * Accepts the server's data connection, refusing one from any host but the server: anyone
	 * who can reach the listening port could otherwise feed or steal the transfer.
	 */
	static Socket accept(ServerSocket listener, InetAddress peer, Duration dataTimeout) throws IOException {
		Socket socket = listener.accept();
		if (!socket.getInetAddress().equals(peer)) {
			InetAddress intruder = socket.getInetAddress();
			socket.close();
			throw new FtpProtocolException("Data connection from " + intruder.getHostAddress()
					+ " instead of the server at " + peer.getHostAddress());
		}
		socket.setSoTimeout(Timeouts.millis(dataTimeout));
		return socket;
	}

}
