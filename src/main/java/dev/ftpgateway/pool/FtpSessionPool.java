package dev.ftpgateway.pool;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.ftp.FtpTemporaryException;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * A bounded pool of logged-in FTP sessions, lent out as {@link Lease}s.
 * <p>
 * Every commons-pool2 setting that defaults to something risky is set here: borrowing waits
 * at most {@code maxWait}, each borrow validates the session, and an evictor closes sessions
 * idle past {@code minEvictableIdle} and tests the others, on a thread of this pool's own. The
 * pool registers in JMX under
 * {@code org.apache.commons.pool2:type=GenericObjectPool,name=ftp-session-pool*}, or
 * {@code ftp-session-pool-NAME*} for a pool with a name.
 * <p>
 * A {@code 421} when a session opens (the server's connection limit) lowers the pool's size
 * for a while; see {@link ConnectionLimit}. A refused login ({@code 530}) stops new sessions
 * from opening for a while; see {@link LoginBackoff}.
 */
public final class FtpSessionPool implements FtpSessions, AutoCloseable {

	static final String JMX_NAME_PREFIX = "ftp-session-pool";

	private final GenericObjectPool<FtpClient> pool;

	private final PoolSettings settings;

	private final ConnectionSettings connection;

	private final FtpSessionFactory factory;

	private final ConnectionLimit limit;

	private final PoolEvictor evictor;

	public FtpSessionPool(ConnectionSettings connection, PoolSettings pool) {
		this(connection, pool, FtpEventListener.NONE);
	}

	/**
	 * A pool whose sessions report their commands and transfers to {@code events}, for metrics.
	 */
	public FtpSessionPool(ConnectionSettings connection, PoolSettings pool, FtpEventListener events) {
		this(null, connection, pool, events);
	}

	/**
	 * A pool with a name, one of several in the gateway: its JMX name and its evictor thread
	 * carry the name.
	 * @param name the pool's name, e.g. the FTP server's, or {@code null} for none
	 */
	public FtpSessionPool(String name, ConnectionSettings connection, PoolSettings pool, FtpEventListener events) {
		String suffix = (name != null) ? "-" + name : "";
		this.connection = connection;
		this.settings = pool;
		this.factory = new GatewaySessionFactory(connection, pool.validateAfterIdle(), events,
				new LoginBackoff(connection, pool.loginBackoff(), pool.loginBackoffMax(), System::nanoTime));
		this.pool = new GenericObjectPool<>(this.factory, config(pool, JMX_NAME_PREFIX + suffix));
		this.limit = new ConnectionLimit(this.pool, pool.maxTotal(), pool.limitBackoff(), System::nanoTime);
		this.evictor = new PoolEvictor("ftp-pool-evictor" + suffix, pool.evictionInterval(), () -> {
			this.pool.evict();
			this.pool.preparePool();
		});
	}

	private static GenericObjectPoolConfig<FtpClient> config(PoolSettings settings, String jmxNamePrefix) {
		GenericObjectPoolConfig<FtpClient> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(settings.maxTotal());
		config.setMinIdle(settings.minIdle());
		config.setMaxIdle(settings.maxIdle());
		settings.applyTo(config, jmxNamePrefix);
		return config;
	}

	/**
	 * Lends a logged-in session, waiting at most the configured maximum when all are in use.
	 * @return the lease; close it to give the session back
	 * @throws PoolExhaustedException when no session became free in time
	 * @throws ConnectionLimitException when the server refused a new session with 421
	 * @throws BackendLoginRefusedException when the server refused the login, now or before and
	 *         the back-off has not passed yet; idle sessions are still lent meanwhile
	 * @throws IOException when a new session could not connect or log in
	 */
	@Override
	public Lease borrow() throws IOException {
		this.limit.maybeRaise();
		try {
			FtpClient client = this.pool.borrowObject();
			return new Lease(client, this.pool, this.factory.wasIdle(client));
		}
		catch (FtpTemporaryException ex) {
			throw refusedOr(ex);
		}
		catch (NoSuchElementException ex) {
			// commons-pool says "timeout" and "a new session failed validation" with the same type.
			if (ex.getCause() instanceof FtpTemporaryException cause) {
				throw refusedOr(cause);
			}
			if (ex.getCause() instanceof IOException cause) {
				throw cause;
			}
			if (ex.getCause() == null) {
				throw new PoolExhaustedException(this.settings.maxWait(), ex);
			}
			throw new IOException("Could not get an FTP session from " + this.connection.host(), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("Could not get an FTP session from " + this.connection.host(), ex);
		}
	}

	private IOException refusedOr(FtpTemporaryException ex) {
		if (ex.replyCode() != 421) {
			return ex;
		}
		this.limit.refused();
		return new ConnectionLimitException(this.settings.maxWait(), ex);
	}

	/** Every session is logged in as the gateway's own user. */
	@Override
	public boolean lendsShared() {
		return true;
	}

	/**
	 * Closes every idle session now. For a caller whose pooled session turned out dead: the
	 * pool lends the most recently used session first, so the idle ones left are older and dead
	 * for the same reason (a server restart, an idle timeout).
	 */
	@Override
	public void discardIdle() {
		this.pool.clear();
	}

	/** The most sessions the pool opens now: {@code maxTotal}, or fewer while a 421 keeps it lowered. */
	public int maxTotal() {
		return this.limit.current();
	}

	/** The number of sessions lent out now. */
	public int active() {
		return this.pool.getNumActive();
	}

	/** The number of sessions waiting in the pool to be lent. */
	public int idle() {
		return this.pool.getNumIdle();
	}

	/** The number of callers blocked in {@link #borrow()} waiting for a session. */
	public int waiting() {
		return this.pool.getNumWaiters();
	}

	/** How many sessions the pool has opened since it started. */
	public long created() {
		return this.pool.getCreatedCount();
	}

	/** How many sessions the pool has closed since it started. */
	public long destroyed() {
		return this.pool.getDestroyedCount();
	}

	/**
	 * Opens a new session outside the pool, exactly as the pool opens its own (the same
	 * settings, login back-off and wording of failures), for a one-off check of the server. The
	 * pool's limits do not count it.
	 * @return a logged-in session the caller must QUIT and close
	 * @throws BackendUnavailableException when it could not connect, secure the connection or log in
	 * @throws IOException when the server refused the connection otherwise (a 421)
	 */
	public FtpClient openUnpooled() throws IOException {
		return this.factory.create();
	}

	/**
	 * The settings applied by themselves for the server's known quirks (a TLS cap, LIST rather
	 * than MLSD), as the latest greeting showed the server; {@link KnownQuirks#NONE} before any.
	 */
	public KnownQuirks knownQuirks() {
		return this.factory.quirks();
	}

	/** How the pool's latest attempt to open a session ended, if it made one. */
	public Optional<SessionOpening> lastOpening() {
		return this.factory.lastOpening();
	}

	/** Where the sessions connect to (the password is left out of its {@code toString()}). */
	public ConnectionSettings connection() {
		return this.connection;
	}

	/** The pool's sizes and timings. */
	public PoolSettings settings() {
		return this.settings;
	}

	/**
	 * Runs one eviction pass now, as the evictor thread does every {@code evictionInterval}:
	 * closes sessions idle too long and those failing validation. For tests and admin use.
	 */
	public void evict() {
		try {
			this.pool.evict();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Eviction failed", ex);
		}
	}

	/** Closes idle sessions now; lent sessions are closed when their leases are. */
	@Override
	public void close() {
		this.evictor.close();
		this.pool.close();
	}

}
