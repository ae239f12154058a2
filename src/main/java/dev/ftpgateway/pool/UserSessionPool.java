package dev.ftpgateway.pool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.NoSuchElementException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpEventListener;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;

/**
 * Sessions logged in as the callers themselves (pass-through login), pooled per
 * {@link FtpLogin}: at most {@code maxPerUser} for one login and {@code maxTotal} for all of
 * them together.
 * <p>
 * A commons-pool2 keyed pool rather than one {@link FtpSessionPool} per user, because it
 * enforces both caps in one place: when the overall cap is reached it closes the oldest idle
 * sessions of other users to make room, and a session given back wakes waiters of any user.
 * Keys compare the password too, so a session is only ever lent to a caller who presented the
 * login it was opened with. The timings and the risky-default overrides are those of
 * {@link FtpSessionPool}.
 * <p>
 * A login without a pooled session is checked on a connection of its own, outside the pool, at
 * most {@code maxConcurrentLogins} at a time, and pooled only once it succeeded: wrong
 * passwords, however many arrive at once, never hold a session callers could have used.
 */
public final class UserSessionPool implements AutoCloseable {

	static final String JMX_NAME_PREFIX = "ftp-user-session-pool";

	private final UserSessionFactory factory;

	private final GenericKeyedObjectPool<FtpLogin, FtpClient> pool;

	private final PoolSettings settings;

	private final Semaphore loginChecks;

	private final PoolEvictor evictor;

	/**
	 * @param connection where to connect; its user and password are ignored
	 * @param pool sizes and timings, {@code maxTotal} being the cap over all users
	 * @param maxPerUser the most sessions one login may hold
	 * @param maxConcurrentLogins the most logins checked at once outside the pool
	 * @param events receives the sessions' commands and transfers, for metrics
	 */
	public UserSessionPool(ConnectionSettings connection, PoolSettings pool, int maxPerUser, int maxConcurrentLogins,
			FtpEventListener events) {
		this(null, connection, pool, maxPerUser, maxConcurrentLogins, events);
	}

	/**
	 * A pool with a name, one of several in the gateway: its JMX name and its evictor thread
	 * carry the name.
	 * @param name the pool's name, e.g. the FTP server's, or {@code null} for none
	 */
	public UserSessionPool(String name, ConnectionSettings connection, PoolSettings pool, int maxPerUser,
			int maxConcurrentLogins, FtpEventListener events) {
		if (maxPerUser < 1 || maxConcurrentLogins < 1) {
			throw new IllegalArgumentException(
					"maxPerUser and maxConcurrentLogins must be at least 1: " + maxPerUser + ", " + maxConcurrentLogins);
		}
		this.settings = pool;
		this.loginChecks = new Semaphore(maxConcurrentLogins, true);
		this.factory = new UserSessionFactory(connection, pool.validateAfterIdle(), events);
		String suffix = (name != null) ? "-" + name : "";
		this.pool = new GenericKeyedObjectPool<>(this.factory, config(pool, maxPerUser, JMX_NAME_PREFIX + suffix));
		this.evictor = new PoolEvictor("ftp-user-pool-evictor" + suffix, pool.evictionInterval(), this.pool::evict);
	}

	private static GenericKeyedObjectPoolConfig<FtpClient> config(PoolSettings settings, int maxPerUser,
			String jmxNamePrefix) {
		GenericKeyedObjectPoolConfig<FtpClient> config = new GenericKeyedObjectPoolConfig<>();
		config.setMaxTotal(settings.maxTotal());
		config.setMaxTotalPerKey(maxPerUser);
		config.setMaxIdlePerKey(maxPerUser);
		config.setMinIdlePerKey(0);
		settings.applyTo(config, jmxNamePrefix);
		return config;
	}

	/**
	 * Lends a session logged in as {@code login}, opening one (USER/PASS) when none is idle.
	 * @throws PoolExhaustedException when the login's or the overall cap stayed reached for max-wait
	 * @throws IOException when a new session could not connect or log in; a refused login is an
	 *         {@code FtpPermanentException} with reply 530
	 */
	public Lease borrow(FtpLogin login) throws IOException {
		try {
			FtpClient client = this.pool.borrowObject(login);
			return new Lease(client, new Lease.Home() {

				@Override
				public void giveBack(FtpClient session) {
					UserSessionPool.this.pool.returnObject(login, session);
				}

				@Override
				public void discard(FtpClient session) throws Exception {
					UserSessionPool.this.pool.invalidateObject(login, session);
				}

			}, this.factory.wasIdle(client), false);
		}
		catch (NoSuchElementException ex) {
			if (ex.getCause() instanceof IOException cause) {
				throw cause;
			}
			if (ex.getCause() == null) {
				throw new PoolExhaustedException(this.settings.maxWait(), ex);
			}
			throw new IOException("Could not get an FTP session for " + login, ex);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("Could not get an FTP session for " + login, ex);
		}
	}

	/**
	 * Proves that the FTP server accepts {@code login}: at once when a session opened with it is
	 * still pooled (lent or idle), otherwise by logging in on a connection outside the pool and
	 * closing it again.
	 * @throws PoolExhaustedException when {@code maxConcurrentLogins} checks stayed running for max-wait
	 * @throws IOException when the check could not connect or log in; a refused login is an
	 *         {@code FtpPermanentException} with reply 530
	 */
	public void verify(FtpLogin login) throws IOException {
		if (isPooled(login)) {
			return;
		}
		try {
			if (!this.loginChecks.tryAcquire(this.settings.maxWait().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new PoolExhaustedException(this.settings.maxWait(), null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting to check a login");
		}
		try {
			this.factory.check(login);
		}
		finally {
			this.loginChecks.release();
		}
	}

	/** Whether a session opened with {@code login} is pooled (lent or idle), which proves the login. */
	public boolean isPooled(FtpLogin login) {
		return sessions(login) > 0;
	}

	/** The sessions open for {@code login}, lent and idle. */
	public int sessions(FtpLogin login) {
		return this.pool.getNumActive(login) + this.pool.getNumIdle(login);
	}

	/** The sessions lent out now, over all users. */
	public int active() {
		return this.pool.getNumActive();
	}

	/** The sessions idle in the pool, over all users. */
	public int idle() {
		return this.pool.getNumIdle();
	}

	/** Closes idle sessions now; lent sessions are closed when their leases are. */
	@Override
	public void close() {
		this.evictor.close();
		this.pool.close();
	}

	/** Closes every user's idle sessions. */
	public void discardIdle() {
		this.pool.clear();
	}

}
