package dev.ftpgateway.pool;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how each pooled session connects and logs in.
 *
 * @param host the FTP server's host name or address
 * @param port the control connection port
 * @param user the user name to log in with
 * @param password the password to log in with
 * @param passive whether data connections are passive (EPSV/PASV) rather than active
 * @param charset the character set of the control connection
 * @param connectTimeout the timeout for opening the control connection
 * @param replyTimeout the timeout for each reply
 * @param dataTimeout the timeout for opening and reading or writing data connections
 * @param tls how the connection is secured
 * @param controlKeepAlive the NOOP interval on the control connection during transfers; zero for none
 * @param useMlsd whether folders are listed with MLSD where the server offers it, rather than LIST
 * @param allowPrivilegedDataPorts whether passive data connections may go to ports below 1024
 * @param useMlsdExplicit whether {@code useMlsd} was set explicitly; if not, a known quirk of the
 *        server may turn it off ({@link KnownQuirks})
 */
public record ConnectionSettings(String host, int port, String user, String password, boolean passive,
		Charset charset, Duration connectTimeout, Duration replyTimeout, Duration dataTimeout, TlsSettings tls,
		Duration controlKeepAlive, boolean useMlsd, boolean allowPrivilegedDataPorts, boolean useMlsdExplicit) {

	/** Settings whose {@code useMlsd} holds as given, whatever the server. */
	public ConnectionSettings(String host, int port, String user, String password, boolean passive, Charset charset,
			Duration connectTimeout, Duration replyTimeout, Duration dataTimeout, TlsSettings tls,
			Duration controlKeepAlive, boolean useMlsd, boolean allowPrivilegedDataPorts) {
		this(host, port, user, password, passive, charset, connectTimeout, replyTimeout, dataTimeout, tls,
				controlKeepAlive, useMlsd, allowPrivilegedDataPorts, true);
	}

	/** Settings for plain FTP. */
	public ConnectionSettings(String host, int port, String user, String password, boolean passive, Charset charset,
			Duration connectTimeout, Duration replyTimeout, Duration dataTimeout) {
		this(host, port, user, password, passive, charset, connectTimeout, replyTimeout, dataTimeout, TlsSettings.NONE);
	}

	/** Settings without control connection keep-alive. */
	public ConnectionSettings(String host, int port, String user, String password, boolean passive, Charset charset,
			Duration connectTimeout, Duration replyTimeout, Duration dataTimeout, TlsSettings tls) {
		this(host, port, user, password, passive, charset, connectTimeout, replyTimeout, dataTimeout, tls,
				Duration.ZERO);
	}

	/** Settings that list with MLSD where the server offers it. */
	public ConnectionSettings(String host, int port, String user, String password, boolean passive, Charset charset,
			Duration connectTimeout, Duration replyTimeout, Duration dataTimeout, TlsSettings tls,
			Duration controlKeepAlive) {
		this(host, port, user, password, passive, charset, connectTimeout, replyTimeout, dataTimeout, tls,
				controlKeepAlive, true);
	}

	/** Settings that refuse passive data connections to privileged ports. */
	public ConnectionSettings(String host, int port, String user, String password, boolean passive, Charset charset,
			Duration connectTimeout, Duration replyTimeout, Duration dataTimeout, TlsSettings tls,
			Duration controlKeepAlive, boolean useMlsd) {
		this(host, port, user, password, passive, charset, connectTimeout, replyTimeout, dataTimeout, tls,
				controlKeepAlive, useMlsd, false);
	}

	public ConnectionSettings {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(user, "user");
		Objects.requireNonNull(password, "password");
		Objects.requireNonNull(charset, "charset");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(replyTimeout, "replyTimeout");
		Objects.requireNonNull(dataTimeout, "dataTimeout");
		Objects.requireNonNull(tls, "tls");
		Objects.requireNonNull(controlKeepAlive, "controlKeepAlive");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port out of range: " + port);
		}
	}

	/** The same settings, logging in as someone else. */
	public ConnectionSettings withLogin(String user, String password) {
		return new ConnectionSettings(this.host, this.port, user, password, this.passive, this.charset,
				this.connectTimeout, this.replyTimeout, this.dataTimeout, this.tls, this.controlKeepAlive, this.useMlsd,
				this.allowPrivilegedDataPorts, this.useMlsdExplicit);
	}

	/** Host and port as an operator writes them: {@code ftp.example.org:21}, {@code [::1]:2121}. */
	public String address() {
		return (this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

	/** Leaves the password out, so settings can be logged. */
	@Override
	public String toString() {
		return "ConnectionSettings[" + this.user + "@" + this.host + ":" + this.port + ", passive=" + this.passive
				+ ", charset=" + this.charset + ", connectTimeout=" + this.connectTimeout + ", replyTimeout="
				+ this.replyTimeout + ", dataTimeout=" + this.dataTimeout + ", tls=" + this.tls.mode()
				+ ", controlKeepAlive=" + this.controlKeepAlive + ", useMlsd=" + this.useMlsd
				+ (this.useMlsdExplicit ? "" : " (auto)")
				+ ", allowPrivilegedDataPorts=" + this.allowPrivilegedDataPorts + "]";
	}

}
