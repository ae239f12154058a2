package dev.ftpgateway.ftp;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The settings of one {@link FtpClient}, as its setters left them, read by the parts that open
 * connections when they open them. The setters' Javadoc on {@link FtpClient} says what each means.
 */
final class ClientSettings {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	Duration connectTimeout = DEFAULT_TIMEOUT;

	Duration replyTimeout = DEFAULT_TIMEOUT;

	Duration dataTimeout = DEFAULT_TIMEOUT;

	Charset charset = StandardCharsets.UTF_8;

	InetSocketAddress sourceAddress;

	boolean passive = true;

	boolean trustPassiveHost;

	boolean allowPrivilegedDataPorts;

	boolean useMlsd = true;

	FtpEventListener eventListener = FtpEventListener.NONE;

	/** ftplib's single timeout: connecting, replies and data connections alike. */
	void setAllTimeouts(Duration timeout) {
		this.connectTimeout = timeout;
		this.replyTimeout = timeout;
		this.dataTimeout = timeout;
	}

}
