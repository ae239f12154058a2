package dev.ftpgateway.pool;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.ftp.FtpTlsClient;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;

/**
 * Makes, checks and ends pooled FTP sessions.
 * <p>
 * Validation follows OkHttp's {@code isHealthy}: a cheap local check every time, and a NOOP
 * round trip only for sessions idle longer than {@code validateAfterIdle}, since a server may
 * have dropped those (an idle timeout, a restart) without the socket noticing yet.
 * <p>
 * Sessions of a caller's own login (pass-through) fail with the client's own exceptions, so a
 * caller's wrong password stays the server's 530; {@link GatewaySessionFactory} adds what the
 * gateway's own login needs.
 */
class FtpSessionFactory extends BasePooledObjectFactory<FtpClient> {

	private static final System.Logger logger = System.getLogger(FtpSessionFactory.class.getName());

	/** How long a polite QUIT may take when a session is destroyed; after that it is just closed. */
	static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);

	private final ConnectionSettings settings;

	private final Duration validateAfterIdle;

	private final FtpEventListener events;

	/** What the latest greeting made the gateway apply; every session starts with it. */
	private volatile KnownQuirks quirks = KnownQuirks.NONE;

	/** How the latest attempt to open a session ended, or {@code null} before the first. */
	private volatile SessionOpening lastOpening;

	/** Sessions that have been back in the pool at least once; FtpClient has identity equality. */
	private final Set<FtpClient> returned = ConcurrentHashMap.newKeySet();

	FtpSessionFactory(ConnectionSettings settings, Duration validateAfterIdle, FtpEventListener events) {
		this.settings = settings;
		this.validateAfterIdle = validateAfterIdle;
		this.events = events;
	}

	/** The steps of opening a session, in order. */
	enum Step {

		/** TCP connect and the server's greeting (and the handshake, with implicit TLS). */
		CONNECT,

		/** AUTH TLS and the handshake, with explicit TLS. */
		TLS,

		/** USER, PASS and, if asked for, ACCT. */
		LOGIN,

		/** PBSZ 0 and PROT P, with TLS. */
		PROTECT_DATA

	}

	/**
	 * Connects and logs in. No TYPE I here: the client sends it itself before each binary
	 * transfer when the session is not in binary type already.
	 */
	@Override
	public FtpClient create() throws IOException {
		beforeOpen();
		FtpClient client = newClient(this.quirks);
		Step step = Step.CONNECT;
		try {
			client.connect(this.settings.host(), this.settings.port());
			KnownQuirks quirks = KnownQuirks.of(ServerSoftware.fromGreeting(client.getWelcome()), this.settings);
			this.quirks = quirks;
			if (cappedTooLate(client, quirks)) {
				// Implicit TLS: the handshake came before the greeting named the server. Once per
				// pool, since every later session starts with the cap learned here.
				closeQuietly(client);
				client = newClient(quirks);
				client.connect(this.settings.host(), this.settings.port());
			}
			if (quirks.listWithList()) {
				client.settings().setUseMlsd(false);
			}
			if (client instanceof FtpTlsClient tlsClient && !tlsClient.isControlSecure()) {
				quirks.tlsCapped().ifPresent(tlsClient::setProtocols);
				// AUTH TLS on its own rather than inside login(), so that its refusal (vsftpd
				// without TLS answers 530) is never taken for a refused login.
				step = Step.TLS;
				tlsClient.auth();
			}
			step = Step.LOGIN;
			client.login(this.settings.user(), this.settings.password());
			if (client instanceof FtpTlsClient tlsClient) {
				step = Step.PROTECT_DATA;
				tlsClient.protectData();
			}
			opened();
			this.lastOpening = SessionOpening.opened(Instant.now());
			return client;
		}
		catch (IOException ex) {
			closeQuietly(client);
			IOException failure = failed(step, ex);
			this.lastOpening = SessionOpening.failed(Instant.now(), failure);
			throw failure;
		}
		catch (RuntimeException ex) {
			closeQuietly(client);
			throw ex;
		}
	}

	/** Whether the control connection is already secured with a TLS version the quirks cap below. */
	private static boolean cappedTooLate(FtpClient client, KnownQuirks quirks) {
		return client instanceof FtpTlsClient tls && tls.isControlSecure() && quirks.tlsCapped().isPresent()
				&& !quirks.tlsCapped().get().equals(tls.controlSession().getProtocol());
	}

	/** The settings applied by themselves for the server's known quirks, as learned from the latest greeting. */
	KnownQuirks quirks() {
		return this.quirks;
	}

	/** How the latest attempt to open a session ended, if one was made. */
	Optional<SessionOpening> lastOpening() {
		return Optional.ofNullable(this.lastOpening);
	}

	/** Runs before each session opens, and may refuse to open one. */
	void beforeOpen() throws IOException {
	}

	/** Runs after a session opened and logged in. */
	void opened() {
	}

	/** What a failure at {@code step} of opening a session becomes: here, the client's own exception. */
	IOException failed(Step step, IOException ex) {
		return ex;
	}

	/** A client set up as the settings say, capped as {@code quirks} say, not connected yet. */
	private FtpClient newClient(KnownQuirks quirks) throws IOException {
		FtpClient client = newClient();
		if (client instanceof FtpTlsClient tlsClient) {
			quirks.tlsCapped().ifPresent(tlsClient::setProtocols);
		}
		client.settings()
			.setEventListener(this.events)
			.setConnectTimeout(this.settings.connectTimeout())
			.setReplyTimeout(this.settings.replyTimeout())
			.setDataTimeout(this.settings.dataTimeout())
			.setCharset(this.settings.charset())
			.setPassive(this.settings.passive())
			.setControlKeepAlive(this.settings.controlKeepAlive())
			.setUseMlsd(this.settings.useMlsd())
			.setAllowPrivilegedDataPorts(this.settings.allowPrivilegedDataPorts());
		return client;
	}

	private FtpClient newClient() {
		TlsSettings tls = this.settings.tls();
		if (!tls.enabled()) {
			return new FtpClient();
		}
		FtpTlsClient client = new FtpTlsClient(tls.contexts().get());
		client.setImplicit(tls.mode() == TlsSettings.Mode.IMPLICIT);
		client.setHostnameVerification(tls.hostnameVerification());
		if (!tls.protocols().isEmpty()) {
			client.setProtocols(tls.protocols().toArray(String[]::new));
		}
		return client;
	}

	@Override
	public PooledObject<FtpClient> wrap(FtpClient client) {
		return new DefaultPooledObject<>(client);
	}

	/** Remembers that the session has been idle in the pool, where the server may have dropped it. */
	@Override
	public void passivateObject(PooledObject<FtpClient> pooled) {
		this.returned.add(pooled.getObject());
	}

	/** Whether the session was idle in the pool before this lease, rather than opened for it. */
	boolean wasIdle(FtpClient client) {
		return this.returned.contains(client);
	}

	@Override
	public boolean validateObject(PooledObject<FtpClient> pooled) {
		FtpClient client = pooled.getObject();
		if (!client.isConnected() || client.isBroken()) {
			return false;
		}
		if (pooled.getIdleDuration().compareTo(this.validateAfterIdle) < 0) {
			return true;
		}
		try {
			client.noop();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.DEBUG, () -> "Idle FTP session failed NOOP, discarding it: " + ex);
			return false;
		}
	}

	/**
	 * Ends a session whatever state it is in, as commons-pool's contract demands: QUIT when the
	 * session still looks healthy, bounded by {@link #QUIT_TIMEOUT}, then close. Never throws.
	 */
	@Override
	public void destroyObject(PooledObject<FtpClient> pooled) {
		FtpClient client = pooled.getObject();
		this.returned.remove(client);
		if (client.isConnected() && !client.isBroken()) {
			try {
				// A hung server must not hold the destroying thread for a full reply timeout.
				client.settings().setReplyTimeout(QUIT_TIMEOUT);
				client.quit();
			}
			catch (IOException | RuntimeException ex) {
				logger.log(Level.DEBUG, () -> "QUIT failed while discarding an FTP session: " + ex);
			}
		}
		closeQuietly(client);
	}

	private static void closeQuietly(FtpClient client) {
		try {
			client.close();
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.DEBUG, () -> "Closing an FTP session failed: " + ex);
		}
	}

}
