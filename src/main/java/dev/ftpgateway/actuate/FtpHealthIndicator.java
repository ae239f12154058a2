package dev.ftpgateway.actuate;

import java.io.IOException;
import java.util.Locale;

import dev.ftpgateway.ftp.FtpTlsClient;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolExhaustedException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the FTP backend answers: borrows a pooled session and sends NOOP. Part of
 * the readiness group, so a gateway that cannot reach its server stops getting traffic.
 */
public class FtpHealthIndicator extends AbstractHealthIndicator {

	private final FtpSessionPool pool;

	public FtpHealthIndicator(FtpSessionPool pool) {
		super("FTP health check failed");
		this.pool = pool;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
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

	private void check(Health.Builder builder) throws IOException {
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
		}
		catch (PoolExhaustedException ex) {
			builder.up().withDetail("check", "skipped: all sessions busy");
		}
	}

	private boolean allSessionsBusy() {
		return this.pool.idle() == 0 && this.pool.active() >= this.pool.maxTotal();
	}

}
