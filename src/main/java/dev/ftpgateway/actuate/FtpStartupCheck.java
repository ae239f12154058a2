package dev.ftpgateway.actuate;

import java.io.IOException;
import java.util.Locale;

import dev.ftpgateway.pool.BackendUnavailableException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs in once when the application is ready, on a thread of its own so that start-up never
 * waits for the FTP server, and logs the outcome in one line. A configuration mistake (a host
 * typo, the wrong port, TLS against a plain server, a wrong password) then shows at start-up,
 * saying what failed, where and the likely fix, rather than as a readiness probe that stays
 * DOWN. The session it opens goes back to the pool for the first request.
 */
public class FtpStartupCheck implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(FtpStartupCheck.class);

	private final FtpSessionPool pool;

	private final String label;

	private final String prefix;

	private final String poolPrefix;

	private final String threadName;

	/**
	 * The check of one FTP server.
	 * @param name the server's name for the log, or {@code null} for the unnamed server
	 * @param prefix where its settings are, for the likely fix: {@code ftp-gateway.servers.partner-a}
	 * @param poolPrefix where its pool's settings are: {@code ftp-gateway.servers.partner-a.pool}
	 * @param pool its sessions
	 */
	public FtpStartupCheck(String name, String prefix, String poolPrefix, FtpSessionPool pool) {
		this.pool = pool;
		this.label = (name != null) ? "FTP backend '" + name + "'" : "FTP backend";
		this.prefix = prefix;
		this.poolPrefix = poolPrefix;
		this.threadName = (name != null) ? "ftp-startup-check-" + name : "ftp-startup-check";
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// A thread per server: one that hangs must not hold up the others' checks.
		Thread check = new Thread(this::check, this.threadName);
		check.setDaemon(true);
		check.start();
	}

	/** Borrows a session and logs how that went. */
	private void check() {
		ConnectionSettings connection = this.pool.connection();
		String login = connection.user() + "@" + connection.address() + ", TLS "
				+ connection.tls().mode().name().toLowerCase(Locale.ROOT);
		try (Lease lease = this.pool.borrow()) {
			logger.info(this.label + " ready: logged in as " + login);
		}
		catch (BackendUnavailableException ex) {
			logger.warn(this.label + " check at start-up failed: " + ex.getMessage() + " [" + login + "]. Likely fix: "
					+ likelyFix(ex.reason()));
		}
		catch (IOException ex) {
			logger.warn(this.label + " check at start-up failed: " + ex.getMessage() + " [" + login + "]");
		}
		catch (IllegalStateException ex) {
			// The application is shutting down and has closed the pool already.
			logger.debug(this.label + " check at start-up skipped: " + ex.getMessage());
		}
	}

	private String likelyFix(BackendUnavailableException.Reason reason) {
		String server = this.prefix;
		return switch (reason) {
			case HOST_NOT_FOUND -> "check " + server + ".host for a typo, and that this machine's DNS knows it";
			case CONNECTION_REFUSED -> "check " + server + ".host and " + server + ".port; no FTP server"
					+ " listens there, or a firewall rejects the connection";
			case CONNECTION_FAILED -> "check the network path to the FTP server (routes, firewalls, NetworkPolicy"
					+ " egress)";
			case TIMEOUT -> "check firewalls and NetworkPolicy egress, which drop connections silently; a port that"
					+ " expects implicit TLS (990) stays silent too: set " + server + ".tls.mode=implicit";
			case NOT_FTP -> server + ".port is not an FTP port (SFTP on port 22 is SSH, which the gateway"
					+ " does not speak)";
			case TLS_NOT_OFFERED -> "set " + server + ".tls.mode to what the server offers: none for plain FTP,"
					+ " explicit for AUTH TLS, implicit for TLS from the first byte";
			case TLS_FAILED -> "trust the server's certificate (" + server + ".tls.ca-bundle), check that it names"
					+ " " + server + ".host (tls.hostname-verification) and the TLS versions (tls.protocols)";
			case LOGIN_REFUSED -> "check " + server + ".user and " + server + ".password (in Kubernetes, the"
					+ " password Secret); the gateway waits " + this.poolPrefix + ".login-backoff before it tries"
					+ " again";
			case REFUSED -> "see the server's reply; its log says more";
		};
	}

}
