package dev.ftpgateway.ftp;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link FtpClient} connects and transfers: what ftplib spreads over its constructor
 * arguments ({@code timeout}, {@code source_address}, {@code encoding}), {@code set_pasv} and
 * attributes such as {@code trust_server_pasv_ipv4_address}. The setters chain:
 *
 * <pre>{@code
 * ftp.settings().setPassive(false).setDataTimeout(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Each setting is read when it is needed: timeouts, source address and charset when the
 * next connection opens, the transfer settings when the next transfer opens, and the reply
 * timeout before the next reply is read, so a pool can shorten it on a live session.
 */
public final class ClientSettings {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private Duration connectTimeout = DEFAULT_TIMEOUT;

	private volatile Duration replyTimeout = DEFAULT_TIMEOUT;

	private Duration dataTimeout = DEFAULT_TIMEOUT;

	private Charset charset = StandardCharsets.UTF_8;

	private InetSocketAddress sourceAddress;

	private boolean passive = true;

	private boolean trustPassiveHost;

	private boolean allowPrivilegedDataPorts;

	private boolean useMlsd = true;

	private Duration controlKeepAlive = Duration.ZERO;

	private FtpEventListener eventListener = FtpEventListener.NONE;

	ClientSettings() {
	}

	/** How long a TCP connect, control or data, may take; 60 seconds unless set. */
	public ClientSettings setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = Objects.requireNonNull(connectTimeout);
		return this;
	}

	/** How long to wait for each read of a reply on the control connection; 60 seconds unless set. */
	public ClientSettings setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = Objects.requireNonNull(replyTimeout);
		return this;
	}

	/**
	 * How long a data connection may stay silent, and how long to wait for the server to connect
	 * in active mode; 60 seconds unless set.
	 */
	public ClientSettings setDataTimeout(Duration dataTimeout) {
		this.dataTimeout = Objects.requireNonNull(dataTimeout);
		return this;
	}

	/** The encoding of commands, replies and listings; UTF-8 unless set (RFC 2640). */
	public ClientSettings setCharset(Charset charset) {
		this.charset = Objects.requireNonNull(charset);
		return this;
	}

	/** The local address (port 0 for any) that control and data connections are made from. */
	public ClientSettings setSourceAddress(InetSocketAddress sourceAddress) {
		this.sourceAddress = sourceAddress;
		return this;
	}

	/** Passive mode (the default) when true, active mode (EPRT/PORT) when false: ftplib's {@code set_pasv}. */
	public ClientSettings setPassive(boolean passive) {
		this.passive = passive;
		return this;
	}

	/**
	 * Whether to connect to the host a 227 reply names. Off by default: the data connection goes
	 * to the control connection's peer, so a server cannot point the client at another host.
	 */
	public ClientSettings setTrustPassiveHost(boolean trustPassiveHost) {
		this.trustPassiveHost = trustPassiveHost;
		return this;
	}

	/**
	 * Whether a passive data connection may go to a port below 1024. Off by default: a 227 or
	 * 229 reply naming port 21, 22 or 25 is a server (or a forged reply) trying to make the
	 * client talk to another service, so it fails with {@link FtpProtocolException}.
	 */
	public ClientSettings setAllowPrivilegedDataPorts(boolean allowPrivilegedDataPorts) {
		this.allowPrivilegedDataPorts = allowPrivilegedDataPorts;
		return this;
	}

	/**
	 * Whether {@link FtpClient#list} asks for MLSD when the server announces MLST (the default),
	 * or always lists with LIST. MLSD gives exact UTC times and unambiguous types and names; LIST
	 * times are the server's local time to the minute, or to the day for older files. Some
	 * servers answer LIST much faster than MLSD (proftpd: about twice as fast for 10,000 entries).
	 */
	public ClientSettings setUseMlsd(boolean useMlsd) {
		this.useMlsd = useMlsd;
		return this;
	}

	/**
	 * Sends NOOP on the control connection every {@code interval} while a transfer moves data,
	 * so NAT gateways and firewalls that drop idle connections keep the control connection of a
	 * long transfer. The replies are read when the transfer ends, whether the server sent them
	 * during the transfer or after its final reply. Off ({@link Duration#ZERO}) unless set.
	 */
	public ClientSettings setControlKeepAlive(Duration interval) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("interval must not be negative: " + interval);
		}
		this.controlKeepAlive = interval;
		return this;
	}

	/** Who hears about commands and transfers, for metrics; nobody unless set. */
	public ClientSettings setEventListener(FtpEventListener eventListener) {
		this.eventListener = Objects.requireNonNull(eventListener);
		return this;
	}

	/** ftplib's single timeout: connecting, replies and data connections alike. */
	void setAllTimeouts(Duration timeout) {
		setConnectTimeout(timeout);
		setReplyTimeout(timeout);
		setDataTimeout(timeout);
	}

	Duration connectTimeout() {
		return this.connectTimeout;
	}

	Duration replyTimeout() {
		return this.replyTimeout;
	}

	Duration dataTimeout() {
		return this.dataTimeout;
	}

	Charset charset() {
		return this.charset;
	}

	InetSocketAddress sourceAddress() {
		return this.sourceAddress;
	}

	boolean passive() {
		return this.passive;
	}

	boolean trustPassiveHost() {
		return this.trustPassiveHost;
	}

	boolean allowPrivilegedDataPorts() {
		return this.allowPrivilegedDataPorts;
	}

	boolean useMlsd() {
		return this.useMlsd;
	}

	Duration controlKeepAlive() {
		return this.controlKeepAlive;
	}

	FtpEventListener eventListener() {
		return this.eventListener;
	}

}
