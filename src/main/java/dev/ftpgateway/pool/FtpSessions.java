package dev.ftpgateway.pool;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the web layer borrows its FTP sessions from: the shared {@link FtpSessionPool} of the
 * gateway's own login, or a source that picks the caller's own sessions when callers log in to
 * the FTP server themselves.
 */
public interface FtpSessions {

	/** The {@link #borrower()} of sources that limit no caller apart. */
	String EVERY_CALLER = "every caller";

	/**
	 * Lends a logged-in session for the current caller.
	 * @return the lease; close it to give the session back
	 * @throws PoolExhaustedException when no session became free in time
	 * @throws IOException when a new session could not connect or log in
	 */
	Lease borrow() throws IOException;

	/**
	 * Whether {@link #borrow} would lend the current caller a session of the gateway's own login,
	 * lent to every caller ({@link Lease#isShared}), rather than one logged in as the caller.
	 */
	boolean lendsShared();

	/**
	 * A place among the requests waiting on these sessions, for one that waits for another
	 * request's use of a session instead of borrowing, or empty when as many wait as may. Sources
	 * that bound how long a borrower waits but not how many wait lend one always.
	 */
	default Optional<WaitingPlace> waitingPlace() {
		return Optional.of(WaitingPlace.UNBOUNDED);
	}

	/**
	 * Whose share of the sessions the current caller borrows from. Requests of one borrower may
	 * share one use of a session, such as a check of a cached file; those of different borrowers
	 * must not, or a borrower held back by its own share would hold back the others. Sources that
	 * limit no caller apart lend every caller from one share.
	 */
	default String borrower() {
		return EVERY_CALLER;
	}

	/**
	 * Closes the sessions idle in the pool: once one turned out dead (a server restart, an idle
	 * timeout), the ones that waited longer are likely dead the same way.
	 */
	void discardIdle();

}
