package dev.ftpgateway.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ftpgateway.pool.TlsSettings;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the gateway: the FTP backend, the session pool and transfers.
 * <p>
 * Every property can also come from an environment variable through Spring Boot's relaxed
 * binding: upper-case the name and replace dots and dashes with underscores, e.g.
 * {@code FTP_GATEWAY_SERVER_HOST} for {@code ftp-gateway.server.host} and
 * {@code FTP_GATEWAY_POOL_MAX_TOTAL} for {@code ftp-gateway.pool.max-total}.
 */
@ConfigurationProperties("ftp-gateway")
public class FtpGatewayProperties {

	private final Server server = new Server();

	/**
	 * Named FTP servers, each served below /servers/{name}/files with the settings
	 * ftp-gateway.server takes and a pool of its own. Names are lower-case letters, digits and
	 * dashes; FTP_GATEWAY_SERVERS_PARTNER_A_HOST sets ftp-gateway.servers.partner-a.host.
	 */
	private final Map<String, NamedServer> servers = new LinkedHashMap<>();

	/**
	 * The named server /files serves when ftp-gateway.server.host is not set. With neither,
	 * /files answers 404 naming the servers.
	 */
	private @Nullable String defaultServer;

	private final Pool pool = new Pool();

	private final Transfer transfer = new Transfer();

	private final Cache cache = new Cache();

	private final Embedded embedded = new Embedded();

	private final Web web = new Web();

	private final Shares shares = new Shares();

	private final Uploads uploads = new Uploads();

	private final Archive archive = new Archive();

	public Server getServer() {
		return this.server;
	}

	public Map<String, NamedServer> getServers() {
		return this.servers;
	}

	public @Nullable String getDefaultServer() {
		return this.defaultServer;
	}

	public void setDefaultServer(@Nullable String defaultServer) {
		this.defaultServer = defaultServer;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Transfer getTransfer() {
		return this.transfer;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Web getWeb() {
		return this.web;
	}

	public Shares getShares() {
		return this.shares;
	}

	public Uploads getUploads() {
		return this.uploads;
	}

	public Archive getArchive() {
		return this.archive;
	}

	/** The FTP server the gateway fronts. */
	public static class Server {

		/**
		 * Host name or address of the FTP server. When not set, the gateway serves a local
		 * folder through an embedded FTP server instead (see ftp-gateway.embedded).
		 */
		private @Nullable String host;

		/** Control connection port of the FTP server. */
		private int port = 21;

		/** User name the gateway logs in with. */
		private String user = "anonymous";

		/** Password the gateway logs in with. */
		private String password = "anonymous@";

		/** Whether to open data connections in passive mode (EPSV/PASV) rather than active (PORT). */
		private boolean passive = true;

		/** Character set of file names and replies on the control connection. */
		private Charset charset = StandardCharsets.UTF_8;

		/** Timeout for opening the control connection. */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/** Timeout for each reply on the control connection. */
		private Duration replyTimeout = Duration.ofSeconds(30);

		/** Timeout for opening a data connection and for each read or write on it. */
		private Duration dataTimeout = Duration.ofSeconds(60);

		/**
		 * NOOP interval on the control connection while a transfer moves data, so NAT gateways
		 * and firewalls do not drop the control connection of a long transfer as idle. 0 turns
		 * it off.
		 */
		private Duration controlKeepAlive = Duration.ofSeconds(60);

		/**
		 * List folders with MLSD where the server offers it: exact UTC times and types. false
		 * lists with LIST, whose times are the server's local time to the minute (to the day for
		 * older files), for servers that answer LIST much faster (proftpd, on large folders).
		 * Unset: true, except for a server whose greeting names proftpd, which gets false (the
		 * server report lists it under "applied").
		 */
		private @Nullable Boolean useMlsd;

		/**
		 * Let passive data connections go to ports below 1024. Off: a PASV or EPSV reply naming
		 * port 21, 22 or 25 is refused (502), since it would make the gateway send data to
		 * another service; only a server that really hands out such ports needs it on.
		 */
		private boolean allowPrivilegedDataPorts;

		/**
		 * Let paths go through symbolic links on the server that point outside the root. Off,
		 * such a path is refused with 403; finding out costs one LIST of each folder on the
		 * path whenever the root is not "/" (at "/" nothing is outside to reach).
		 */
		private boolean followLinksOutsideRoot;

		/** Remote folder the HTTP API is confined to; "/files/" maps to it. */
		private String root = "/";

		/**
		 * A writable remote folder where the server report (GET /servers/NAME) uploads a small
		 * file, reads its MDTM to measure the server's clock, and deletes it. Unset: the clock
		 * check is skipped.
		 */
		private @Nullable String reportFolder;

		/** FTPS: TLS for the control and data connections. */
		private final Tls tls = new Tls();

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getUser() {
			return this.user;
		}

		public void setUser(String user) {
			this.user = user;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public boolean isPassive() {
			return this.passive;
		}

		public void setPassive(boolean passive) {
			this.passive = passive;
		}

		public Charset getCharset() {
			return this.charset;
		}

		public void setCharset(Charset charset) {
			this.charset = charset;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReplyTimeout() {
			return this.replyTimeout;
		}

		public void setReplyTimeout(Duration replyTimeout) {
			this.replyTimeout = replyTimeout;
		}

		public Duration getDataTimeout() {
			return this.dataTimeout;
		}

		public void setDataTimeout(Duration dataTimeout) {
			this.dataTimeout = dataTimeout;
		}

		public Duration getControlKeepAlive() {
			return this.controlKeepAlive;
		}

		public void setControlKeepAlive(Duration controlKeepAlive) {
			this.controlKeepAlive = controlKeepAlive;
		}

		public boolean isFollowLinksOutsideRoot() {
			return this.followLinksOutsideRoot;
		}

		public void setFollowLinksOutsideRoot(boolean followLinksOutsideRoot) {
			this.followLinksOutsideRoot = followLinksOutsideRoot;
		}

		public boolean isAllowPrivilegedDataPorts() {
			return this.allowPrivilegedDataPorts;
		}

		public void setAllowPrivilegedDataPorts(boolean allowPrivilegedDataPorts) {
			this.allowPrivilegedDataPorts = allowPrivilegedDataPorts;
		}

		public @Nullable Boolean getUseMlsd() {
			return this.useMlsd;
		}

		public void setUseMlsd(@Nullable Boolean useMlsd) {
			this.useMlsd = useMlsd;
		}

		public String getRoot() {
			return this.root;
		}

		public void setRoot(String root) {
			this.root = root;
		}

		public @Nullable String getReportFolder() {
			return this.reportFolder;
		}

		public void setReportFolder(@Nullable String reportFolder) {
			this.reportFolder = reportFolder;
		}

		public Tls getTls() {
			return this.tls;
		}

		/**
		 * FTPS settings (RFC 4217). Data connections resume the control connection's TLS
		 * session, as vsftpd (require_ssl_reuse) and proftpd demand.
		 */
		public static class Tls {

			/** Where TLS starts: none (plain FTP), explicit (AUTH TLS) or implicit (port 990 style). */
			private TlsSettings.Mode mode = TlsSettings.Mode.NONE;

			/** PEM file of the CA certificates to trust; the JDK's trust store when neither this nor trust-store is set. */
			private @Nullable Path caBundle;

			/** Trust store file (PKCS12 or JKS) with the certificates to trust. */
			private @Nullable Path trustStore;

			/** Password of the trust store. */
			private String trustStorePassword = "";

			/** Key store (PKCS12 or JKS) with a client certificate and key, for servers that ask for one. */
			private @Nullable Path clientKeyStore;

			/** Password of the client key store and its key. */
			private String clientKeyStorePassword = "";

			/**
			 * TLS versions to offer, e.g. TLSv1.2 to cap servers whose session resumption breaks
			 * under TLS 1.3 (proftpd 1.3.8 after an upload; vsftpd 3.0.3 loses uploads).
			 * Empty for the JDK's defaults, except that a server whose greeting names vsftpd or
			 * proftpd is capped at TLSv1.2 (the server report lists it under "applied"); list
			 * the versions, e.g. TLSv1.3,TLSv1.2, to offer them whatever the server.
			 */
			private List<String> protocols = new ArrayList<>();

			/** Whether the server certificate must name the configured host. */
			private boolean hostnameVerification = true;

			/** Trusts any certificate. For tests against self-signed servers only; logged as a warning at start-up. */
			private boolean insecureTrustAll;

			public TlsSettings.Mode getMode() {
				return this.mode;
			}

			public void setMode(TlsSettings.Mode mode) {
				this.mode = mode;
			}

			public @Nullable Path getCaBundle() {
				return this.caBundle;
			}

			public void setCaBundle(@Nullable Path caBundle) {
				this.caBundle = caBundle;
			}

			public @Nullable Path getTrustStore() {
				return this.trustStore;
			}

			public void setTrustStore(@Nullable Path trustStore) {
				this.trustStore = trustStore;
			}

			public String getTrustStorePassword() {
				return this.trustStorePassword;
			}

			public void setTrustStorePassword(String trustStorePassword) {
				this.trustStorePassword = trustStorePassword;
			}

			public @Nullable Path getClientKeyStore() {
				return this.clientKeyStore;
			}

			public void setClientKeyStore(@Nullable Path clientKeyStore) {
				this.clientKeyStore = clientKeyStore;
			}

			public String getClientKeyStorePassword() {
				return this.clientKeyStorePassword;
			}

			public void setClientKeyStorePassword(String clientKeyStorePassword) {
				this.clientKeyStorePassword = clientKeyStorePassword;
			}

			public List<String> getProtocols() {
				return this.protocols;
			}

			public void setProtocols(List<String> protocols) {
				this.protocols = protocols;
			}

			public boolean isHostnameVerification() {
				return this.hostnameVerification;
			}

			public void setHostnameVerification(boolean hostnameVerification) {
				this.hostnameVerification = hostnameVerification;
			}

			public boolean isInsecureTrustAll() {
				return this.insecureTrustAll;
			}

			public void setInsecureTrustAll(boolean insecureTrustAll) {
				this.insecureTrustAll = insecureTrustAll;
			}

		}
	}

	/**
	 * One of the named servers (ftp-gateway.servers.NAME): the settings of ftp-gateway.server,
	 * host required, and a pool of its own.
	 */
	public static class NamedServer extends Server {

		/** This server's pool of logged-in sessions; the same defaults as ftp-gateway.pool. */
		private final SessionPool pool = new SessionPool();

		public SessionPool getPool() {
			return this.pool;
		}

	}

	/** The pool of logged-in FTP sessions, and the Retry-After hint for exhausted pools. */
	public static class Pool extends SessionPool {

		/**
		 * The Retry-After hint sent with 503 when every session stayed busy for max-wait, on
		 * any server.
		 */
		private Duration retryAfter = Duration.ofSeconds(2);

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/** A pool of logged-in FTP sessions to one server. */
	public static class SessionPool {

		/** Maximum number of sessions, borrowed and idle together. */
		private int maxTotal = 8;

		/** Number of idle sessions the evictor keeps open. */
		private int minIdle = 0;

		/** Maximum number of idle sessions kept; more are closed when returned. */
		private int maxIdle = 8;

		/**
		 * How long a request waits for a session when all are in use before it fails with
		 * 503. Never infinite.
		 */
		private Duration maxWait = Duration.ofSeconds(5);

		/**
		 * Most requests waiting at once for a session of this server (for the pool, or for the
		 * caller's share of it); more are refused with 503 at once. Each waits on a request
		 * thread, which all servers share: requests piling up on a server that hangs must not
		 * take every thread from the others.
		 */
		private int maxWaiting = 100;

		/** Time between runs of the evictor that closes idle sessions and tests the rest. */
		private Duration evictionInterval = Duration.ofSeconds(30);

		/**
		 * How long a session may sit idle before the evictor closes it. Keep it below the
		 * server's idle timeout so the server never closes a session the pool thinks is alive.
		 */
		private Duration minIdleTime = Duration.ofSeconds(60);

		/**
		 * Idle time after which a borrowed session is checked with a NOOP round trip; more
		 * recently used sessions get only the cheap socket check.
		 */
		private Duration validateAfterIdle = Duration.ofSeconds(10);

		/**
		 * After the server refused a session with 421 (too many connections), the pool shrinks
		 * to the sessions it holds and grows back by one session per this interval.
		 */
		private Duration limitBackoff = Duration.ofSeconds(30);

		/**
		 * After the server refused the gateway's login (530: wrong user or password), how long
		 * until the next login attempt; requests and health checks meanwhile fail at once. The
		 * wait doubles with each further refusal, up to login-backoff-max, so a wrong password
		 * does not lock the account on servers with fail2ban or lockout policies.
		 */
		private Duration loginBackoff = Duration.ofMinutes(1);

		/** The longest wait between login attempts while the server refuses the gateway's login. */
		private Duration loginBackoffMax = Duration.ofMinutes(15);

		public int getMaxTotal() {
			return this.maxTotal;
		}

		public void setMaxTotal(int maxTotal) {
			this.maxTotal = maxTotal;
		}

		public int getMinIdle() {
			return this.minIdle;
		}

		public void setMinIdle(int minIdle) {
			this.minIdle = minIdle;
		}

		public int getMaxIdle() {
			return this.maxIdle;
		}

		public void setMaxIdle(int maxIdle) {
			this.maxIdle = maxIdle;
		}

		public int getMaxWaiting() {
			return this.maxWaiting;
		}

		public void setMaxWaiting(int maxWaiting) {
			this.maxWaiting = maxWaiting;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getEvictionInterval() {
			return this.evictionInterval;
		}

		public void setEvictionInterval(Duration evictionInterval) {
			this.evictionInterval = evictionInterval;
		}

		public Duration getMinIdleTime() {
			return this.minIdleTime;
		}

		public void setMinIdleTime(Duration minIdleTime) {
			this.minIdleTime = minIdleTime;
		}

		public Duration getValidateAfterIdle() {
			return this.validateAfterIdle;
		}

		public void setValidateAfterIdle(Duration validateAfterIdle) {
			this.validateAfterIdle = validateAfterIdle;
		}


		public Duration getLimitBackoff() {
			return this.limitBackoff;
		}

		public void setLimitBackoff(Duration limitBackoff) {
			this.limitBackoff = limitBackoff;
		}

		public Duration getLoginBackoff() {
			return this.loginBackoff;
		}

		public void setLoginBackoff(Duration loginBackoff) {
			this.loginBackoff = loginBackoff;
		}

		public Duration getLoginBackoffMax() {
			return this.loginBackoffMax;
		}

		public void setLoginBackoffMax(Duration loginBackoffMax) {
			this.loginBackoffMax = loginBackoffMax;
		}
	}

	/** Streaming of file content between HTTP and FTP. */
	/**
	 * Small files kept in memory: a GET of one whose size and modification time the server
	 * still states needs no data connection. Only the gateway's own sessions' reads are kept.
	 */
	public static class Cache {

		/** The largest file kept; 0 turns the cache off. */
		private DataSize maxFileSize = DataSize.ofKilobytes(64);

		/** The most memory all kept files take together (least recently used go first). */
		private DataSize maxSize = DataSize.ofMegabytes(16);

		/**
		 * How long a file checked against the server may then be served without asking it
		 * again: up to this much staleness for no FTP command at all. 0 (the default) asks the
		 * server before every use.
		 */
		private Duration maxStale = Duration.ZERO;

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxStale() {
			return this.maxStale;
		}

		public void setMaxStale(Duration maxStale) {
			this.maxStale = maxStale;
		}

	}

	public static class Transfer {

		/**
		 * Size of the buffer each transfer copies through. The first 4 transfers at a time get
		 * 2 MiB native buffers anyway; 256 KiB for every transfer cost 30 MB more RSS under 100
		 * concurrent downloads (src/bench/RESULTS.md).
		 */
		private DataSize bufferSize = DataSize.ofKilobytes(64);

		/** Largest upload accepted; larger ones are refused with 413 and nothing is stored. */
		private DataSize maxUploadSize = DataSize.ofGigabytes(10);

		/**
		 * Whether every PUT is hashed with SHA-256 as it streams, to answer the Repr-Digest of
		 * what was stored. Hashing costs about 0.65 s of CPU per GiB uploaded (src/bench/RESULTS.md);
		 * {@code false} hashes only a PUT that asks with Want-Repr-Digest. Digests the request
		 * sends (Content-Digest, Repr-Digest) are checked either way.
		 */
		private boolean digestEveryUpload = true;

		public DataSize getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(DataSize bufferSize) {
			this.bufferSize = bufferSize;
		}

		public DataSize getMaxUploadSize() {
			return this.maxUploadSize;
		}

		public void setMaxUploadSize(DataSize maxUploadSize) {
			this.maxUploadSize = maxUploadSize;
		}

		public boolean isDigestEveryUpload() {
			return this.digestEveryUpload;
		}

		public void setDigestEveryUpload(boolean digestEveryUpload) {
			this.digestEveryUpload = digestEveryUpload;
		}

	}

	/**
	 * The embedded FTP server started on 127.0.0.1 when ftp-gateway.server.host is not set, so
	 * the gateway works out of the box over a local folder.
	 */
	public static class Embedded {

		/** Local folder served; created, with a sample README.txt, on first start. */
		private Path folder = Path.of("./data");

		/** Port of the embedded server on 127.0.0.1; 0 picks a free one. */
		private int port = 0;

		/** User the embedded server accepts and the gateway logs in with. */
		private String user = "gateway";

		/** Password of that user; when not set, a random one is generated at each start. */
		private @Nullable String password;

		public Path getFolder() {
			return this.folder;
		}

		public void setFolder(Path folder) {
			this.folder = folder;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getUser() {
			return this.user;
		}

		public void setUser(String user) {
			this.user = user;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/** The gateway's HTTP side as clients and browsers see it. */
	public static class Web {

		/**
		 * The gateway's external URL (scheme, host and port), e.g. https://files.example.org, for a
		 * gateway behind a reverse proxy: its origin is the gateway's own for the cross-site check of
		 * state-changing requests, /v3/api-docs names it as the server, and share links start with
		 * it. Unset: the origin is the scheme and Host of each request, the server is relative,
		 * and share links start with the scheme and Host of the request that made them.
		 */
		private @Nullable URI publicUrl;

		private final Cors cors = new Cors();

		public @Nullable URI getPublicUrl() {
			return this.publicUrl;
		}

		public void setPublicUrl(@Nullable URI publicUrl) {
			this.publicUrl = publicUrl;
		}

		public Cors getCors() {
			return this.cors;
		}

		/** Pages of other origins: CORS, and the cross-site check of state-changing requests. */
		public static class Cors {

			/**
			 * Origins whose pages the gateway serves through CORS and lets change files: full
			 * origins such as https://app.example.org, or patterns such as https://*.example.org.
			 * Empty: CORS is off, and only the gateway's own pages may change files.
			 */
			private List<String> allowedOrigins = new ArrayList<>();

			/** Methods a CORS preflight may ask for (PATCH: tus uploads from Uppy or tus-js-client). */
			private List<String> allowedMethods = new ArrayList<>(
					List.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"));

			/**
			 * Request headers a CORS preflight may ask for: credentials, bodies, conditionals,
			 * ranges, digests and the tus protocol's.
			 */
			private List<String> allowedHeaders = new ArrayList<>(List.of("Authorization", "X-API-Key",
					"Content-Type", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range",
					"Range", "Content-Digest", "Repr-Digest", "Want-Content-Digest", "Want-Repr-Digest",
					"Tus-Resumable", "Upload-Length", "Upload-Offset", "Upload-Metadata", "Upload-Checksum",
					"Upload-Defer-Length", "X-HTTP-Method-Override"));

			/** How long browsers may cache the answer to a preflight. */
			private Duration maxAge = Duration.ofMinutes(30);

			/**
			 * Whether pages of the allowed origins may make browsers send their stored
			 * credentials (cookies, Basic credentials from the browser's prompt). API keys and
			 * tokens a script sets in a header need no such permission. Never with the origin *.
			 */
			private boolean allowCredentials;

			public List<String> getAllowedOrigins() {
				return this.allowedOrigins;
			}

			public void setAllowedOrigins(List<String> allowedOrigins) {
				this.allowedOrigins = allowedOrigins;
			}

			public List<String> getAllowedMethods() {
				return this.allowedMethods;
			}

			public void setAllowedMethods(List<String> allowedMethods) {
				this.allowedMethods = allowedMethods;
			}

			public List<String> getAllowedHeaders() {
				return this.allowedHeaders;
			}

			public void setAllowedHeaders(List<String> allowedHeaders) {
				this.allowedHeaders = allowedHeaders;
			}

			public Duration getMaxAge() {
				return this.maxAge;
			}

			public void setMaxAge(Duration maxAge) {
				this.maxAge = maxAge;
			}

			public boolean isAllowCredentials() {
				return this.allowCredentials;
			}

			public void setAllowCredentials(boolean allowCredentials) {
				this.allowCredentials = allowCredentials;
			}

		}

	}

	/** Signed share links (POST /shares): file and folder links that work without other credentials. */
	public static class Shares {

		/**
		 * Key that signs and verifies share links, at least 32 bytes; every replica needs the
		 * same one, from a Secret. Unset: share links are off. Changing it invalidates every link.
		 */
		private @Nullable String secret;

		/** Longest lifetime a share link may be given. */
		private Duration maxExpiresIn = Duration.ofDays(7);

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public Duration getMaxExpiresIn() {
			return this.maxExpiresIn;
		}

		public void setMaxExpiresIn(Duration maxExpiresIn) {
			this.maxExpiresIn = maxExpiresIn;
		}

	}

	/** Resumable uploads (tus) at /uploads, kept on the FTP server as hidden partial files. */
	public static class Uploads {

		/**
		 * How long an unfinished upload lasts after it was created or last received bytes; then
		 * its partial files are removed, when next touched or by the sweep.
		 */
		private Duration expiry = Duration.ofHours(24);

		/**
		 * How often the gateway walks the tree below the root to remove expired uploads (a
		 * LIST -a per folder, at most 10,000 folders a run); 0 turns the sweep off. Any number of
		 * gateways may sweep the same server.
		 */
		private Duration sweepInterval = Duration.ofHours(6);

		public Duration getExpiry() {
			return this.expiry;
		}

		public void setExpiry(Duration expiry) {
			this.expiry = expiry;
		}

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

	}

	/** Folders downloaded as ZIP or tar archives (GET /files/dir/?archive=zip). */
	public static class Archive {

		/**
		 * Most files and folders one archive holds; a folder whose listing has more is refused with
		 * 413 before the first byte. The listing is held while the archive streams, a few hundred
		 * bytes an entry.
		 */
		private int maxEntries = 10_000;

		/** Most bytes of files one archive holds; a larger tree is refused with 413 before the first byte. */
		private DataSize maxBytes = DataSize.ofGigabytes(10);

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

}
