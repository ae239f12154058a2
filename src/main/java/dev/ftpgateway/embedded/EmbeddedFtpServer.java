package dev.ftpgateway.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * An Apache MINA FtpServer serving one local folder to one user, for tests and for the
 * gateway's "no backend configured" mode.
 * <p>
 * Configure it with {@link #listenOn} and {@link #allowAnonymousReadOnly} before
 * {@link #start()}. With port 0 the operating system picks a free port; {@link #port()}
 * tells which. A stopped server can be started again and keeps that port, so clients
 * configured against it stay valid.
 */
public final class EmbeddedFtpServer implements AutoCloseable {

	private static final String LISTENER_NAME = "default";

	/** Enough for a full pool plus health checks and tests that hold many sessions at once. */
	private static final int MAX_LOGINS = 200;

	private static final long CLOSE_TIMEOUT_MILLIS = 3000;

	private final Path home;

	private final String user;

	private final String password;

	private String host = "127.0.0.1";

	private int port;

	private boolean anonymousReadOnly;

	private final Map<String, String> moreUsers = new LinkedHashMap<>();

	private final Map<String, Ftplet> ftplets = new LinkedHashMap<>();

	private SslConfiguration tls;

	private boolean implicitTls;

	private FtpServer server;

	private Listener listener;

	/**
	 * Creates a server (not yet started) for one user with read and write access.
	 * @param home the folder served as the user's root; created if missing
	 * @param user the user name
	 * @param password the user's password
	 */
	public EmbeddedFtpServer(Path home, String user, String password) {
		this.home = Objects.requireNonNull(home, "home").toAbsolutePath();
		this.user = Objects.requireNonNull(user, "user");
		this.password = Objects.requireNonNull(password, "password");
	}

	/**
	 * Sets the address to bind; call before {@link #start()}.
	 * @param host the interface address, e.g. {@code 127.0.0.1}
	 * @param port the port, or 0 for an ephemeral one
	 * @return this server
	 */
	public synchronized EmbeddedFtpServer listenOn(String host, int port) {
		checkNotRunning();
		this.host = Objects.requireNonNull(host, "host");
		this.port = port;
		return this;
	}

	/**
	 * Offers FTPS: AUTH TLS on the control connection (explicit) or TLS from the first byte
	 * (implicit), with PROT P data connections; call before {@link #start()}.
	 * @param tls the server's key material and protocols
	 * @return this server
	 */
	public synchronized EmbeddedFtpServer secureWith(SslConfiguration tls, boolean implicit) {
		checkNotRunning();
		this.tls = Objects.requireNonNull(tls, "tls");
		this.implicitTls = implicit;
		return this;
	}

	/**
	 * Lets {@code anonymous} log in with any password and read (not write) the same folder.
	 * @return this server
	 */
	public synchronized EmbeddedFtpServer allowAnonymousReadOnly() {
		checkNotRunning();
		this.anonymousReadOnly = true;
		return this;
	}

	/**
	 * Adds another read-write user with the same home folder, for callers who log in as
	 * themselves; call before {@link #start()}.
	 * @return this server
	 */
	public synchronized EmbeddedFtpServer addUser(String name, String secret) {
		checkNotRunning();
		this.moreUsers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(secret, "secret"));
		return this;
	}

	/**
	 * Registers an Ftplet that sees every connection and command, e.g. to count what reached
	 * the server; call before {@link #start()}.
	 * @return this server
	 */
	public synchronized EmbeddedFtpServer addFtplet(String name, Ftplet ftplet) {
		checkNotRunning();
		this.ftplets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(ftplet, "ftplet"));
		return this;
	}

	/**
	 * Binds the listener and starts accepting connections.
	 * @return this server
	 * @throws IllegalStateException if it is already running or cannot start
	 */
	public synchronized EmbeddedFtpServer start() {
		checkNotRunning();
		try {
			Files.createDirectories(this.home);
			FtpServerFactory factory = new FtpServerFactory();
			ListenerFactory listenerFactory = new ListenerFactory();
			listenerFactory.setServerAddress(this.host);
			listenerFactory.setPort(this.port);
			if (this.tls != null) {
				listenerFactory.setSslConfiguration(this.tls);
				listenerFactory.setImplicitSsl(this.implicitTls);
			}
			factory.addListener(LISTENER_NAME, listenerFactory.createListener());
			factory.setConnectionConfig(connectionConfig());
			factory.setUserManager(userManager());
			factory.setFtplets(new LinkedHashMap<>(this.ftplets));
			FtpServer started = factory.createServer();
			started.start();
			this.server = started;
			this.listener = factory.getListener(LISTENER_NAME);
			// Keep the port the OS picked so a restart binds the same one.
			this.port = this.listener.getPort();
			return this;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Embedded FTP server failed to start on " + this.host + ":" + this.port, ex);
		}
	}

	/** Stops the server and drops its sessions; does nothing when it is not running. */
	public synchronized void stop() {
		if (this.server != null) {
			// MINA's stop() can leave accepted sessions open for seconds; clients should see a
			// stopped server at once, as they would a killed process.
			closeSessions();
			this.server.stop();
			this.server = null;
			this.listener = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Closes every open control connection while the server keeps running, as a server
	 * restart or an idle timeout would look to a client. Returns once the sockets are closed,
	 * so a client's next command cannot still get an answer.
	 */
	public synchronized void closeSessions() {
		if (this.listener != null) {
			for (FtpIoSession session : this.listener.getActiveSessions()) {
				// A session the client is closing already may never complete a second close future.
				if (!session.isClosing()) {
					session.closeNow().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS);
				}
			}
		}
	}

	/** Whether {@link #start()} has run and {@link #stop()} has not. */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** The address the listener binds. */
	public synchronized String host() {
		return this.host;
	}

	/** The port the listener binds: the actual one once started, even when 0 was asked for. */
	public synchronized int port() {
		return this.port;
	}

	/** The folder served as the users' root. */
	public Path home() {
		return this.home;
	}

	/** The name of the read-write user. */
	public String user() {
		return this.user;
	}

	/** The password of the read-write user. */
	public String password() {
		return this.password;
	}

	private org.apache.ftpserver.ConnectionConfig connectionConfig() {
		ConnectionConfigFactory config = new ConnectionConfigFactory();
		config.setAnonymousLoginEnabled(this.anonymousReadOnly);
		config.setMaxLogins(MAX_LOGINS);
		config.setMaxAnonymousLogins(MAX_LOGINS);
		// MINA's default waits 500 ms after a bad password; tests of failed logins need no delay.
		config.setLoginFailureDelay(0);
		return config.createConnectionConfig();
	}

	private UserManager userManager() throws FtpException {
		// Without a file the properties user manager keeps users in memory only.
		UserManager users = new PropertiesUserManagerFactory().createUserManager();
		users.save(user(this.user, this.password, List.of(new WritePermission(), logins())));
		for (Map.Entry<String, String> more : this.moreUsers.entrySet()) {
			users.save(user(more.getKey(), more.getValue(), List.of(new WritePermission(), logins())));
		}
		if (this.anonymousReadOnly) {
			users.save(user(UserManager.ANONYMOUS, "", List.of(logins())));
		}
		return users;
	}

	private BaseUser user(String name, String secret, List<Authority> authorities) {
		BaseUser user = new BaseUser();
		user.setName(name);
		user.setPassword(secret);
		user.setHomeDirectory(this.home.toString());
		// A BaseUser has no authorities by default: without WritePermission every STOR gets a 550.
		user.setAuthorities(authorities);
		return user;
	}

	private static ConcurrentLoginPermission logins() {
		return new ConcurrentLoginPermission(MAX_LOGINS, MAX_LOGINS);
	}

	private void checkNotRunning() {
		if (this.server != null) {
			throw new IllegalStateException("Embedded FTP server is already running on " + this.host + ":" + this.port);
		}
	}

}
