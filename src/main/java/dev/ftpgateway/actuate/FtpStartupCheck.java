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

	public FtpStartupCheck(FtpSessionPool pool) {
		this.pool = pool;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Thread check = new Thread(this::check, "ftp-startup-check");
		check.setDaemon(true);
		check.start();
	}

	/** Borrows a session and logs how that went. */
	private void check() {
		ConnectionSettings connection = this.pool.connection();
		String login = connection.user() + "@" + connection.address() + ", TLS "
				+ connection.tls().mode().name().toLowerCase(Locale.ROOT);
		try (Lease lease = this.pool.borrow()) {
			logger.info("FTP backend ready: logged in as " + login);
		}
		catch (BackendUnavailableException ex) {
			logger.warn("FTP backend check at start-up failed: " + ex.getMessage() + " [" + login + "]. Likely fix: "
					+ likelyFix(ex.reason()));
		}
		catch (IOException ex) {
			logger.warn("FTP backend check at start-up failed: " + ex.getMessage() + " [" + login + "]");
		}
		catch (IllegalStateException ex) {
			// The application is shutting down and has closed the pool already.
			logger.debug("FTP backend check at start-up skipped: " + ex.getMessage());
		}
	}

	private static String likelyFix(BackendUnavailableException.Reason reason) {
		return switch (reason) {
			case HOST_NOT_FOUND -> "check ftp-gateway.server.host for a typo, and that this machine's DNS knows it";
			case CONNECTION_REFUSED -> "check ftp-gateway.server.host and ftp-gateway.server.port; no FTP server"
					+ " listens there, or a firewall rejects the connection";
			case CONNECTION_FAILED -> "check the network path to the FTP server (routes, firewalls, NetworkPolicy"
					+ " egress)";
			case TIMEOUT -> "check firewalls and NetworkPolicy egress, which drop connections silently; a port that"
					+ " expects implicit TLS (990) stays silent too: set ftp-gateway.server.tls.mode=implicit";
			case NOT_FTP -> "ftp-gateway.server.port is not an FTP port (SFTP on port 22 is SSH, which the gateway"
					+ " does not speak)";
			case TLS_NOT_OFFERED -> "set ftp-gateway.server.tls.mode to what the server offers: none for plain FTP,"
					+ " explicit for AUTH TLS, implicit for TLS from the first byte";
			case TLS_FAILED -> "trust the server's certificate (ftp-gateway.server.tls.ca-bundle), check that it names"
					+ " ftp-gateway.server.host (tls.hostname-verification) and the TLS versions (tls.protocols)";
			case LOGIN_REFUSED -> "check ftp-gateway.server.user and ftp-gateway.server.password (in Kubernetes, the"
					+ " password Secret); the gateway waits ftp-gateway.pool.login-backoff before it tries again";
			case REFUSED -> "see the server's reply; its log says more";
		};
	}

}
