package dev.ftpgateway.actuate;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import dev.ftpgateway.ftp.FtpTlsClient;
import dev.ftpgateway.pool.BackendUnavailableException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolExhaustedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the FTP backend answers: borrows a pooled session and sends NOOP. Part of
 * the readiness group, so a gateway that cannot reach its server stops getting traffic.
 * <p>
 * When it is down, the {@code reason} detail says why in the pool's words ("Could not connect to
 * the FTP server at host:port (connection refused)"; never a password). Probes run every few
 * seconds, so a failure is logged once, in one line, when the state or its reason changes, not
 * with a stack trace per probe.
 */
public class FtpHealthIndicator extends AbstractHealthIndicator {

	private static final Log logger = LogFactory.getLog(FtpHealthIndicator.class);

	private static final String UP = "UP";

	private final FtpSessionPool pool;

	/** How the log names the server: {@code FTP backend}, or {@code FTP backend 'partner-a'}. */
	private final String label;

	/** The last probe's outcome: {@link #UP} or what failed, without the parts that change by the second. */
	private final AtomicReference<String> lastOutcome = new AtomicReference<>(UP);

	/**
	 * @param name the server's name for the log, or {@code null} for the unnamed server
	 * @param pool the server's sessions
	 */
	public FtpHealthIndicator(String name, FtpSessionPool pool) {
		super("FTP health check failed");
		this.pool = pool;
		this.label = (name != null) ? "FTP backend '" + name + "'" : "FTP backend";
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ConnectionSettings connection = this.pool.connection();
		builder.withDetail("host", connection.host())
			.withDetail("port", connection.port())
			.withDetail("tls", connection.tls().mode().name().toLowerCase(Locale.ROOT));
		if (allSessionsBusy()) {
			// Sessions in use prove the server answers; borrowing would only block the probe.
			builder.up().withDetail("check", "skipped: all sessions busy");
		}
		else {
			check(builder);
		}
		builder.withDetail("active", this.pool.active())
			.withDetail("idle", this.pool.idle())
			.withDetail("waiting", this.pool.waiting())
			.withDetail("maxTotal", this.pool.maxTotal());
	}

	private void check(Health.Builder builder) {
		try (Lease lease = this.pool.borrow()) {
			try {
				builder.up().withDetail("reply", lease.client().noop());
				if (lease.client() instanceof FtpTlsClient tls && tls.isControlSecure()) {
					builder.withDetail("tlsProtocol", tls.controlSession().getProtocol());
				}
			}
			catch (IOException ex) {
				lease.markBroken();
				throw ex;
			}
			logIfChanged(UP, "The FTP server at " + this.pool.connection().address() + " answers again");
		}
		catch (PoolExhaustedException ex) {
			builder.up().withDetail("check", "skipped: all sessions busy");
		}
		catch (IOException ex) {
			String reason = reason(ex);
			builder.down().withDetail("reason", reason);
			logIfChanged(outcome(ex), this.label + " is down: " + reason);
		}
	}

	private String reason(IOException ex) {
		if (ex instanceof BackendUnavailableException) {
			return ex.getMessage();
		}
		return "NOOP on a pooled session to the FTP server at " + this.pool.connection().address() + " failed ("
				+ ex + ")";
	}

	/** The failure without what changes from probe to probe (the time left of a login back-off). */
	private static String outcome(IOException ex) {
		if (ex instanceof BackendUnavailableException backend) {
			return backend.reason() + " " + ((backend.replyText() != null) ? backend.replyText() : ex.getMessage());
		}
		return ex.getClass().getName() + " " + ex.getMessage();
	}

	private void logIfChanged(String outcome, String message) {
		String previous = this.lastOutcome.getAndSet(outcome);
		if (outcome.equals(previous)) {
			return;
		}
		if (outcome.equals(UP)) {
			logger.info(message);
		}
		else {
			logger.warn(message);
		}
	}

	private boolean allSessionsBusy() {
		return this.pool.idle() == 0 && this.pool.active() >= this.pool.maxTotal();
	}

}
