package dev.ftpgateway.pool;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ftpgateway.ftp.FtpClient;
import org.apache.commons.pool2.impl.GenericObjectPool;

/**
 * One borrowed, logged-in FTP session. Close it to give the session back.
 * <p>
 * Like Spring Integration's cached session with its {@code dirty} flag: once
 * {@link #markBroken()} is called (a transfer failed half-way, the dialogue may be out of
 * step), the session is destroyed on {@link #close()} instead of returned. A session whose
 * client reports {@link FtpClient#isBroken()} is destroyed as well.
 */
public final class Lease implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(Lease.class.getName());

	private final FtpClient client;

	private final Home home;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final boolean wasIdle;

	private final boolean shared;

	private volatile boolean broken;

	private volatile Runnable afterClose = () -> {
	};

	Lease(FtpClient client, GenericObjectPool<FtpClient> pool, boolean wasIdle) {
		this(client, new Home() {

			@Override
			public void giveBack(FtpClient session) {
				pool.returnObject(session);
			}

			@Override
			public void discard(FtpClient session) throws Exception {
				pool.invalidateObject(session);
			}

		}, wasIdle, true);
	}

	/**
	 * @param shared whether the session is logged in as the gateway's own user, lent to every
	 *        caller, rather than as one caller (pass-through)
	 */
	Lease(FtpClient client, Home home, boolean wasIdle, boolean shared) {
		this.client = client;
		this.home = home;
		this.wasIdle = wasIdle;
		this.shared = shared;
	}

	/**
	 * Whether the session is logged in as the gateway's own user and lent to every caller, so
	 * what it sees every caller may see; a pass-through caller's session sees that caller's view
	 * of the server (a chroot of its own, say).
	 */
	public boolean isShared() {
		return this.shared;
	}

	/**
	 * Whether the session waited idle in the pool before this lease, rather than being opened
	 * for it. Only such a session can have been dropped by the server unnoticed (an idle
	 * timeout, a restart), so only its failure is worth one retry on a fresh session.
	 */
	public boolean wasIdle() {
		return this.wasIdle;
	}

	/**
	 * The session's client, logged in. Its type may be ASCII after a listing; the binary
	 * transfer methods switch back to binary themselves.
	 * @throws IllegalStateException after {@link #close()}
	 */
	public FtpClient client() {
		if (this.closed.get()) {
			throw new IllegalStateException("Lease is closed: the session went back to the pool");
		}
		return this.client;
	}

	/** Marks the session unusable; it will be destroyed on close. Cannot be undone. */
	public void markBroken() {
		this.broken = true;
	}

	/** Whether {@link #markBroken()} was called or the client found its connection broken. */
	public boolean isBroken() {
		return this.broken || this.client.isBroken() || !this.client.isConnected() || this.client.isTransferOpen();
	}

	/**
	 * Runs {@code action} once the session has gone back or been destroyed, for bookkeeping a
	 * borrower keeps on top of the pool (a per-caller limit). Replaces an earlier action.
	 */
	public void afterClose(Runnable action) {
		this.afterClose = action;
	}

	/**
	 * Returns the session to the pool, or destroys it when broken. Only the first call counts.
	 * <p>
	 * Destroying costs a connect and login on the calling thread: commons-pool 2.13
	 * {@code invalidateObject} opens a replacement at once, so borrowers already waiting are
	 * not left hanging.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			if (isBroken()) {
				destroy();
			}
			else {
				this.home.giveBack(this.client);
			}
		}
		finally {
			this.afterClose.run();
		}
	}

	private void destroy() {
		try {
			this.home.discard(this.client);
		}
		catch (Exception ex) {
			// The session is gone already; only its replacement failed (the server is down, say).
			// The next borrow tries again and reports the failure to its caller.
			logger.log(Level.DEBUG, () -> "Could not replace a discarded FTP session: " + ex);
		}
	}

	/**
	 * Where a lent session goes back to: a pool of its own, or one user's share of a keyed pool
	 * ({@link UserSessionPool}), whose return and invalidate methods also take the key.
	 */
	interface Home {

		void giveBack(FtpClient session);

		void discard(FtpClient session) throws Exception;

	}

}
