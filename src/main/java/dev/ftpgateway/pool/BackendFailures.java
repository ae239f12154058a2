package dev.ftpgateway.pool;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpProtocolException;
import dev.ftpgateway.pool.BackendUnavailableException.Reason;
import dev.ftpgateway.pool.FtpSessionFactory.Step;

/**
 * Words a failure to open one of the gateway's own sessions as what happened, with the host and
 * port: "Could not connect to the FTP server at ftp.example.org:21 (connection refused)" rather
 * than the socket's bare "Connection refused", "does not offer TLS (AUTH TLS answered 500 ...)"
 * rather than the reply alone.
 */
final class BackendFailures {

	/**
	 * How the JDK's socket words a connect timeout; a read timeout is the same type, worded
	 * "Read timed out". Matching the words only sharpens the message, never the outcome.
	 */
	private static final String CONNECT_TIMED_OUT = "connect timed out";

	/** How JSSE words a first answer that is no TLS record, such as a plain FTP greeting. */
	private static final String NOT_A_TLS_RECORD = "unsupported or unrecognized ssl message";

	private BackendFailures() {
	}

	/**
	 * The exception a failure at {@code step} becomes: a {@link BackendUnavailableException}
	 * that says what happened, or a 421 as it is, since the pool treats that as the server's
	 * connection limit ({@link ConnectionLimit}).
	 */
	static IOException describe(ConnectionSettings settings, Step step, IOException ex) {
		if (ex instanceof FtpException reply && reply.replyCode() == 421) {
			return ex;
		}
		if (ex instanceof SocketTimeoutException) {
			return new BackendUnavailableException(Reason.TIMEOUT, timeout(settings, step, ex), ex);
		}
		return switch (step) {
			case CONNECT -> connect(settings, ex);
			case TLS -> tls(settings, ex);
			case LOGIN -> login(settings, ex);
			case PROTECT_DATA -> protectData(settings, ex);
		};
	}

	private static BackendUnavailableException connect(ConnectionSettings settings, IOException ex) {
		String server = "the FTP server at " + settings.address();
		if (ex instanceof UnknownHostException) {
			return new BackendUnavailableException(Reason.HOST_NOT_FOUND,
					"FTP server host '" + settings.host() + "' not found (DNS)", ex);
		}
		if (ex instanceof ConnectException) {
			return new BackendUnavailableException(Reason.CONNECTION_REFUSED,
					"Could not connect to " + server + " (" + lowerCase(ex) + ")", ex);
		}
		if (ex instanceof SSLException) {
			return tlsHandshake(settings, "implicit TLS", ex);
		}
		if (ex instanceof FtpProtocolException) {
			return new BackendUnavailableException(Reason.NOT_FTP, "The server at " + settings.address()
					+ " does not answer as an FTP server (" + ex.getMessage() + ")", ex);
		}
		if (ex instanceof FtpException reply) {
			return new BackendUnavailableException(Reason.REFUSED,
					"The FTP server at " + settings.address() + " refused the connection (" + oneLine(reply) + ")", ex);
		}
		return new BackendUnavailableException(Reason.CONNECTION_FAILED,
				"Could not connect to " + server + " (" + lowerCase(ex) + ")", ex);
	}

	private static BackendUnavailableException tls(ConnectionSettings settings, IOException ex) {
		if (ex instanceof FtpException reply) {
			return new BackendUnavailableException(Reason.TLS_NOT_OFFERED, "The FTP server at " + settings.address()
					+ " does not offer TLS (AUTH TLS answered " + oneLine(reply) + ")", ex);
		}
		if (ex instanceof SSLException) {
			return tlsHandshake(settings, "explicit TLS", ex);
		}
		return lost(settings, "AUTH TLS", ex);
	}

	private static BackendUnavailableException tlsHandshake(ConnectionSettings settings, String mode,
			IOException ex) {
		if (lowerCase(ex).contains(NOT_A_TLS_RECORD)) {
			return new BackendUnavailableException(Reason.TLS_NOT_OFFERED, "The FTP server at " + settings.address()
					+ " does not offer " + mode + " (it answered the TLS handshake with something else, such as a"
					+ " plain FTP greeting)", ex);
		}
		return new BackendUnavailableException(Reason.TLS_FAILED,
				"The TLS handshake (" + mode + ") with the FTP server at " + settings.address() + " failed: "
						+ ex.getMessage(),
				ex);
	}

	/** A refusal other than 530 and 532, which {@link LoginBackoff} answers. */
	private static BackendUnavailableException login(ConnectionSettings settings, IOException ex) {
		if (ex instanceof FtpException reply) {
			return new BackendUnavailableException(Reason.REFUSED, "The FTP server refused the gateway's login as "
					+ settings.user() + "@" + settings.address() + " (" + oneLine(reply) + ")", ex);
		}
		return lost(settings, "the login", ex);
	}

	private static BackendUnavailableException protectData(ConnectionSettings settings, IOException ex) {
		if (ex instanceof FtpException reply) {
			return new BackendUnavailableException(Reason.REFUSED, "The FTP server at " + settings.address()
					+ " refused TLS on data connections (" + oneLine(reply) + ")", ex);
		}
		return lost(settings, "PBSZ and PROT", ex);
	}

	private static String timeout(ConnectionSettings settings, Step step, IOException ex) {
		String server = "the FTP server at " + settings.address();
		return switch (step) {
			case CONNECT -> lowerCase(ex).startsWith(CONNECT_TIMED_OUT)
					? "Could not connect to " + server + " within " + readable(settings.connectTimeout())
							+ " (connect timeout)"
					: "Connected to " + server + ", but it sent no greeting within "
							+ readable(settings.replyTimeout());
			case TLS -> "No answer from " + server + " to AUTH TLS within " + readable(settings.replyTimeout());
			case LOGIN -> "No answer from " + server + " to the login within " + readable(settings.replyTimeout());
			case PROTECT_DATA -> "No answer from " + server + " to PBSZ and PROT within "
					+ readable(settings.replyTimeout());
		};
	}

	private static BackendUnavailableException lost(ConnectionSettings settings, String during, IOException ex) {
		return new BackendUnavailableException(Reason.CONNECTION_FAILED, "Lost the connection to the FTP server at "
				+ settings.address() + " during " + during + " (" + lowerCase(ex) + ")", ex);
	}

	/** An FTP reply on one line: multi-line replies are joined by newlines. */
	static String oneLine(FtpException reply) {
		return String.valueOf(reply.getMessage()).replace('\n', ' ').strip();
	}

	private static String lowerCase(IOException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.toLowerCase(Locale.ROOT);
	}

	/** "10s", "1m30s" rather than Duration's "PT10S". */
	static String readable(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
