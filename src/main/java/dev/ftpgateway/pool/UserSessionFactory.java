package dev.ftpgateway.pool;

import java.io.IOException;
import java.time.Duration;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpEventListener;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;

/**
 * Makes, checks and ends sessions logged in as one caller each: the same steps as
 * {@link FtpSessionFactory}, with the login taken from the pool key instead of the settings.
 */
final class UserSessionFactory extends BaseKeyedPooledObjectFactory<FtpLogin, FtpClient> {

	private final ConnectionSettings connection;

	private final Duration validateAfterIdle;

	private final FtpEventListener events;

	/** Checks, tracks and ends sessions; none of it depends on who logged in. */
	private final FtpSessionFactory checks;

	UserSessionFactory(ConnectionSettings connection, Duration validateAfterIdle, FtpEventListener events) {
		this.connection = connection;
		this.validateAfterIdle = validateAfterIdle;
		this.events = events;
		this.checks = new FtpSessionFactory(connection, validateAfterIdle, events);
	}

	@Override
	public FtpClient create(FtpLogin login) throws IOException {
		ConnectionSettings asCaller = this.connection.withLogin(login.user(), login.password());
		return new FtpSessionFactory(asCaller, this.validateAfterIdle, this.events).create();
	}

	/** Logs in as {@code login} on a session of its own and ends it again: nothing is pooled. */
	void check(FtpLogin login) throws IOException {
		this.checks.destroyObject(wrap(create(login)));
	}

	@Override
	public PooledObject<FtpClient> wrap(FtpClient client) {
		return new DefaultPooledObject<>(client);
	}

	@Override
	public void passivateObject(FtpLogin login, PooledObject<FtpClient> pooled) {
		this.checks.passivateObject(pooled);
	}

	/** Whether the session was idle in the pool before this lease, rather than opened for it. */
	boolean wasIdle(FtpClient client) {
		return this.checks.wasIdle(client);
	}

	@Override
	public boolean validateObject(FtpLogin login, PooledObject<FtpClient> pooled) {
		return this.checks.validateObject(pooled);
	}

	@Override
	public void destroyObject(FtpLogin login, PooledObject<FtpClient> pooled) {
		this.checks.destroyObject(pooled);
	}

}
