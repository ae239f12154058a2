package dev.ftpgateway.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.ReplyCode;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.WaitingPlace;

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
final class SessionRetry {

	private static final System.Logger logger = System.getLogger(SessionRetry.class.getName());

	private final FtpSessions pool;

	private final String root;

	private final ServerQuirks quirks;

	private final LinkGuard links;

	/** @param root the absolute remote folder every path is below */
	SessionRetry(FtpSessions pool, String root, ServerQuirks quirks, LinkGuard links) {
		if (root == null || !root.startsWith("/")) {
			throw new IllegalArgumentException("root must be an absolute path, got '" + root + "'");
		}
		this.pool = pool;
		this.root = root;
		this.quirks = quirks;
		this.links = links;
	}

	<T> T run(Operation<T> operation) throws IOException {
		Attempt first = new Attempt();
		try (Lease lease = this.pool.borrow()) {
			FileSession session = new FileSession(lease, this.root, this.quirks, this.links);
			try {
				return operation.run(session, first);
			}
			catch (IOException ex) {
				if (isDataConnectionRefused(first, ex)) {
					logger.log(Level.DEBUG,
							() -> "The FTP server could not open a data connection (" + ex + "); retrying once");
					return operation.run(session, new Attempt());
				}
				if (ex instanceof SessionSpoiledException && !first.committed) {
					logger.log(Level.DEBUG, () -> ex.getMessage() + "; retrying once on a new session");
				}
				else if (isStale(lease, first, ex)) {
					logger.log(Level.INFO,
							() -> "Pooled FTP session was dead (" + ex + "); retrying once on a new session");
					// Sessions are lent most recently used first, so the idle ones left died the same way.
					this.pool.discardIdle();
				}
				else {
					throw ex;
				}
			}
		}
		return once(operation);
	}

	/**
	 * Whether {@link #run} would lend the current caller a session of the gateway's own login:
	 * what one of those sees, every caller may see.
	 */
	boolean lendsSharedSessions() {
		return this.pool.lendsShared();
	}

	/** Whose share of the sessions the current caller borrows from: only its requests may share a check. */
	String borrower() {
		return this.pool.borrower();
	}

	/** A place among the requests waiting for a session, for one that waits for another's check. */
	Optional<WaitingPlace> waitingPlace() {
		return this.pool.waitingPlace();
	}

	/** Runs an operation on a pooled session once, for operations that must never be repeated. */
	<T> T once(Operation<T> operation) throws IOException {
		try (Lease lease = this.pool.borrow()) {
			return operation.run(new FileSession(lease, this.root, this.quirks, this.links), new Attempt());
		}
	}

	private static boolean isDataConnectionRefused(Attempt attempt, IOException ex) {
		return !attempt.committed && ex instanceof FtpException ftp
				&& ftp.replyCode() == ReplyCode.CANNOT_OPEN_DATA_CONNECTION;
	}

	private static boolean isStale(Lease lease, Attempt attempt, IOException ex) {
		return lease.wasIdle() && !attempt.committed && lease.client().isBroken()
				&& !(ex instanceof SocketTimeoutException);
	}

	/** One try of a request on a leased session. */
	@FunctionalInterface
	interface Operation<T> {

		T run(FileSession session, Attempt attempt) throws IOException;

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
