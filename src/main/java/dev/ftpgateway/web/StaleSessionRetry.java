package dev.ftpgateway.web;

import java.io.IOException;
import java.net.SocketTimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;

/**
 * Runs an idempotent request on a pooled session, and once more on a new session when the pooled
 * one turns out dead: the server restarted, or dropped it after idling longer than the server's
 * own idle timeout, and the socket only shows that at the first command. Retried only when the
 * session had been idle in the pool, its control connection failed (a timeout is a stall, not a
 * dead session, and is not retried), and the attempt had not committed yet: no byte went to the
 * client and no command changed anything on the server.
 * <p>
 * A data connection the server could not open (425) is also tried once more, on the same
 * session: servers answer 425 while their passive port range is briefly used up (pure-ftpd under
 * a few thousand transfers a second), nothing was transferred, and the next port usually works.
 */
final class StaleSessionRetry {

	private static final Log logger = LogFactory.getLog(StaleSessionRetry.class);

	private final FtpSessions pool;

	StaleSessionRetry(FtpSessions pool) {
		this.pool = pool;
	}

	<T> T run(Operation<T> operation) throws IOException {
		Attempt first = new Attempt();
		try (Lease lease = this.pool.borrow()) {
			try {
				return operation.run(lease, first);
			}
			catch (IOException ex) {
				if (isDataConnectionRefused(first, ex)) {
					logger.debug("The FTP server could not open a data connection (" + ex + "); retrying once");
					return operation.run(lease, new Attempt());
				}
				if (!isStale(lease, first, ex)) {
					throw ex;
				}
				logger.info("Pooled FTP session was dead (" + ex + "); retrying once on a new session");
				// Sessions are lent most recently used first, so the idle ones left died the same way.
				this.pool.discardIdle();
			}
		}
		try (Lease lease = this.pool.borrow()) {
			return operation.run(lease, new Attempt());
		}
	}

	private static boolean isDataConnectionRefused(Attempt attempt, IOException ex) {
		return !attempt.committed && ex instanceof FtpException ftp && ftp.replyCode() == 425;
	}

	private static boolean isStale(Lease lease, Attempt attempt, IOException ex) {
		return lease.wasIdle() && !attempt.committed && lease.client().isBroken()
				&& !(ex instanceof SocketTimeoutException);
	}

	/** One try of a request on a leased session. */
	@FunctionalInterface
	interface Operation<T> {

		T run(Lease lease, Attempt attempt) throws IOException;

	}

	/** Lets an operation mark the point after which a failure must not be retried. */
	static final class Attempt {

		private boolean committed;

		/** From here on, a retry could repeat a change or a response: failures are final. */
		void commit() {
			this.committed = true;
		}

	}

}
