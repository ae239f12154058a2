package dev.ftpgateway.ftp;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * FTP over TLS (RFC 4217): ftplib's {@code FTP_TLS}. Explicit TLS by default
 * ({@link #auth()}, done by {@link #login} unless told otherwise), or implicit TLS from the
 * first byte ({@link #setImplicit}, the port 990 style).
 *
 * <pre>{@code
 * try (FtpTlsClient ftps = new FtpTlsClient()) {
 *     ftps.connect("ftp.example.org");
 *     ftps.login("user", "secret");   // AUTH TLS first
 *     ftps.protectData();             // PBSZ 0 + PROT P: data connections in TLS too
 *     ftps.retrieveBinary("RETR report.csv", out::write);
 * }
 * }</pre>
 *
 * <p>Data connections resume the control connection's TLS session, which vsftpd
 * ({@code require_ssl_reuse}) and proftpd insist on and ftplib and Commons Net cannot do.
 * Against vsftpd under TLS 1.2 this also needs the JVM started with
 * {@code -Djdk.tls.client.enableSessionTicketExtension=false}: vsftpd resumes only sessions
 * the client did not try to resume by ticket.
 *
 * <p>Give each client its own {@link SSLContext} when several talk to the same server at once:
 * JSSE caches client sessions per context by server host and port, so clients sharing a
 * context could resume each other's control sessions on their data connections, which those
 * servers refuse.
 */
public class FtpTlsClient extends FtpClient {

	private final SSLContext context;

	private boolean implicit;

	private boolean hostnameVerification = true;

	private String[] protocols;

	private boolean protectData;

	private String peerHost;

	private int peerPort;

	private Socket plainControl;

	/** A client trusting the JDK's default trust store. */
	public FtpTlsClient() throws NoSuchAlgorithmException {
		this(SSLContext.getDefault());
	}

	/**
	 * A client using the given TLS context for trust and client certificates; see
	 * {@link TlsContexts} to build one from a PEM bundle or trust store.
	 */
	public FtpTlsClient(SSLContext context) {
		this.context = Objects.requireNonNull(context, "context");
	}

	/** Implicit TLS: the control connection is TLS from its first byte (FTPS on port 990). Set before connecting. */
	public void setImplicit(boolean implicit) {
		this.implicit = implicit;
	}

	/** Whether the server's certificate must name the host connected to; on unless turned off. */
	public void setHostnameVerification(boolean hostnameVerification) {
		this.hostnameVerification = hostnameVerification;
	}

	/**
	 * The TLS versions to offer, e.g. {@code "TLSv1.2"} to cap servers whose session resumption
	 * breaks under TLS 1.3; {@code null} for the JDK's defaults.
	 */
	public void setProtocols(String... protocols) {
		this.protocols = (protocols == null) ? null : protocols.clone();
	}

	/** Connects to {@code host} on port 990 when implicit, otherwise as {@link FtpClient#connect(String, int, Duration)}. */
	@Override
	public String connect(String host, int port, Duration timeout) throws IOException {
		return super.connect(host, (port == 0 && this.implicit) ? 990 : port, timeout);
	}

	@Override
	void controlConnected(String host, int port) throws IOException {
		this.peerHost = host;
		this.peerPort = port;
		this.plainControl = null;
		this.protectData = false;
		if (this.implicit) {
			secureControl();
		}
	}

	/**
	 * Secures the control connection with AUTH TLS (ftplib's {@code auth}).
	 * @return the server's 234 reply
	 * @throws IllegalStateException if the control connection is already secure
	 */
	public String auth() throws IOException {
		if (isControlSecure()) {
			throw new IllegalStateException("Already using TLS");
		}
		String reply = voidCommand("AUTH TLS");
		secureControl();
		return reply;
	}

	/** Logs in over TLS: AUTH TLS first when the control connection is not secure yet. */
	@Override
	public String login(String user, String passwd, String acct) throws IOException {
		return login(user, passwd, acct, true);
	}

	/**
	 * Logs in, securing the control connection first when {@code secure} is true (ftplib's
	 * {@code login(..., secure=True)}).
	 */
	public String login(String user, String passwd, String acct, boolean secure) throws IOException {
		if (secure && !isControlSecure()) {
			auth();
		}
		return super.login(user, passwd, acct);
	}

	/** Protects data connections with TLS: PBSZ 0, then PROT P (ftplib's {@code prot_p}). */
	public String protectData() throws IOException {
		voidCommand("PBSZ 0");
		String reply = voidCommand("PROT P");
		this.protectData = true;
		return reply;
	}

	/** Sends data connections in the clear again: PROT C (ftplib's {@code prot_c}). */
	public String clearData() throws IOException {
		String reply = voidCommand("PROT C");
		this.protectData = false;
		return reply;
	}

	/**
	 * Returns the control connection to plain text after login, with CCC (ftplib's
	 * {@code ccc}); some firewalls need to read the commands to open data ports.
	 */
	public String ccc() throws IOException {
		if (!isControlSecure()) {
			throw new IllegalStateException("The control connection is not using TLS");
		}
		String reply = voidCommand("CCC");
		ControlConnection control = controlConnection();
		// Closing a layered SSLSocket created without autoClose sends close_notify and leaves
		// the TCP connection open for the plain conversation.
		control.socket().close();
		control.switchTo(this.plainControl);
		this.plainControl = null;
		return reply;
	}

	/** Whether the control connection is encrypted. */
	public boolean isControlSecure() {
		return this.plainControl != null;
	}

	/** The control connection's TLS session, or {@code null} when it is not secure. */
	public SSLSession controlSession() {
		return isControlSecure() ? ((SSLSocket) controlConnection().socket()).getSession() : null;
	}

	/**
	 * Whether a data connection from {@link #transferCommand} resumed the control connection's
	 * TLS session (Python's {@code SSLSocket.session_reused}), as vsftpd and proftpd require.
	 * JSSE has no such flag: a resumed TLS 1.2 session is the control session itself (the same
	 * id), while a TLS 1.3 resumption makes a new session that keeps the creation time of the
	 * session it resumed (seen with proftpd and pyftpdlib; pure-ftpd's full handshakes get times
	 * of their own).
	 * @return false for a data connection in the clear
	 */
	public boolean isSessionReused(Socket dataSocket) {
		SSLSession control = controlSession();
		if (!(dataSocket instanceof TlsDataSocket tls) || control == null) {
			return false;
		}
		SSLSession data = tls.session();
		return Arrays.equals(data.getId(), control.getId()) || data.getCreationTime() == control.getCreationTime();
	}

	private void secureControl() throws IOException {
		ControlConnection control = controlConnection();
		Socket plain = control.socket();
		SSLSocket tls = (SSLSocket) this.context.getSocketFactory()
			.createSocket(plain, this.peerHost, this.peerPort, false);
		tls.setUseClientMode(true);
		tls.setSSLParameters(parameters(tls.getSSLParameters()));
		try {
			tls.startHandshake();
		}
		catch (IOException ex) {
			// Half a handshake leaves nothing to talk over: the session is over.
			close();
			throw ex;
		}
		control.switchTo(tls);
		this.plainControl = plain;
	}

	@Override
	Socket dataConnected(Socket socket) throws IOException {
		if (!this.protectData) {
			return socket;
		}
		// The control connection's host and port, not the data connection's: that is what lets
		// JSSE find and offer the control session for resumption.
		SSLEngine engine = this.context.createSSLEngine(this.peerHost, this.peerPort);
		engine.setUseClientMode(true);
		engine.setSSLParameters(parameters(engine.getSSLParameters()));
		TlsDataSocket tls = new TlsDataSocket(socket, engine);
		tls.handshake();
		return tls;
	}

	private SSLParameters parameters(SSLParameters parameters) {
		if (this.hostnameVerification) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
		}
		if (this.protocols != null) {
			parameters.setProtocols(this.protocols);
		}
		return parameters;
	}

	@Override
	public void close() throws IOException {
		super.close();
		if (this.plainControl != null) {
			this.plainControl.close();
			this.plainControl = null;
		}
	}

}
