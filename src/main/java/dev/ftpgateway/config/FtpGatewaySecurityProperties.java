package dev.ftpgateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.ftpgateway.security.FtpScope;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the gateway ({@code ftp-gateway.security.*}): API keys, pass-through FTP logins,
 * JWTs and anonymous access, each off until configured; more than one may be on.
 * <p>
 * Kept apart from {@link FtpGatewayProperties}, which describes the FTP side, so that each class
 * stays readable; both bind below {@code ftp-gateway}. With no mode configured the gateway only
 * starts bound to a loopback address (see README, "Security").
 */
@ConfigurationProperties("ftp-gateway.security")
public class FtpGatewaySecurityProperties {

	private final Anonymous anonymous = new Anonymous();

	/** API keys (static bearer tokens), each stored as a {sha256} hash with its scopes. */
	private List<ApiKey> apiKeys = new ArrayList<>();

	private final PassThrough passThrough = new PassThrough();

	private final Jwt jwt = new Jwt();

	private final LoginThrottle loginThrottle = new LoginThrottle();

	/**
	 * Addresses or CIDR ranges of the reverse proxies in front of the gateway. Only a request
	 * from one of them has its client address taken from X-Forwarded-For (the rightmost entry
	 * that is not a trusted proxy); from any other peer the header is ignored.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Most of the shared FTP sessions (ftp-gateway.pool) one caller holds at once: one API key,
	 * one JWT subject, or all anonymous callers together. Unset: half of pool.max-total.
	 */
	private @Nullable Integer maxSessionsPerCaller;

	/** Whether /actuator/prometheus is open without credentials (health always is). */
	private boolean publicMetrics;

	public Anonymous getAnonymous() {
		return this.anonymous;
	}

	public List<ApiKey> getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(List<ApiKey> apiKeys) {
		this.apiKeys = apiKeys;
	}

	public PassThrough getPassThrough() {
		return this.passThrough;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public LoginThrottle getLoginThrottle() {
		return this.loginThrottle;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public @Nullable Integer getMaxSessionsPerCaller() {
		return this.maxSessionsPerCaller;
	}

	public void setMaxSessionsPerCaller(@Nullable Integer maxSessionsPerCaller) {
		this.maxSessionsPerCaller = maxSessionsPerCaller;
	}

	public boolean isPublicMetrics() {
		return this.publicMetrics;
	}

	public void setPublicMetrics(boolean publicMetrics) {
		this.publicMetrics = publicMetrics;
	}

	/** Requests without credentials. */
	public static class Anonymous {

		/** Whether requests without credentials are served at all. */
		private boolean enabled;

		/** What they may do; read-only unless widened on purpose. */
		private Set<FtpScope> scopes = EnumSet.of(FtpScope.READ);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<FtpScope> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<FtpScope> scopes) {
			this.scopes = scopes;
		}

	}

	/** One API key. */
	public static class ApiKey {

		/** Name shown in logs instead of the key. */
		private String name = "";

		/** The key's hash, {sha256} and 64 hex digits (see ApiKeyHash); never the key itself. */
		private String hash = "";

		/** What the key may do: read, write, delete, share, admin (the server reports). */
		private Set<FtpScope> scopes = EnumSet.of(FtpScope.READ);

		/**
		 * The servers (names from ftp-gateway.servers, "default" for ftp-gateway.server) the key's
		 * scopes apply to; empty for every server. On any other server the key gets 403.
		 */
		private Set<String> servers = new LinkedHashSet<>();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getHash() {
			return this.hash;
		}

		public void setHash(String hash) {
			this.hash = hash;
		}

		public Set<FtpScope> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<FtpScope> scopes) {
			this.scopes = scopes;
		}

		public Set<String> getServers() {
			return this.servers;
		}

		public void setServers(Set<String> servers) {
			this.servers = servers;
		}

	}

	/** HTTP Basic credentials used as the caller's own FTP login. */
	public static class PassThrough {

		/** Whether HTTP Basic credentials are passed through to the FTP server as its login. */
		private boolean enabled;

		/**
		 * What an accepted caller may do; the FTP server's own permissions apply on top. Share
		 * links are served with the gateway's own login, so pass-through callers cannot share.
		 */
		private Set<FtpScope> scopes = EnumSet.of(FtpScope.READ, FtpScope.WRITE, FtpScope.DELETE);

		/**
		 * The servers whose logins HTTP Basic credentials are, each login checked with the server
		 * the request is for (the default server for routes that name none); empty for every
		 * server. Basic credentials for any other server are refused with 401.
		 */
		private Set<String> servers = new LinkedHashSet<>();

		/** Most FTP sessions one user may hold at once. */
		private int maxSessionsPerUser = 2;

		/** Most pass-through sessions over all users; idle sessions of others are closed to make room. */
		private int maxSessions = 16;

		/**
		 * Most logins checked with the FTP server at once: a login without a pooled session is
		 * checked on a connection of its own and pooled only once accepted.
		 */
		private int maxConcurrentLogins = 4;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<FtpScope> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<FtpScope> scopes) {
			this.scopes = scopes;
		}

		public Set<String> getServers() {
			return this.servers;
		}

		public void setServers(Set<String> servers) {
			this.servers = servers;
		}

		public int getMaxSessionsPerUser() {
			return this.maxSessionsPerUser;
		}

		public void setMaxSessionsPerUser(int maxSessionsPerUser) {
			this.maxSessionsPerUser = maxSessionsPerUser;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public int getMaxConcurrentLogins() {
			return this.maxConcurrentLogins;
		}

		public void setMaxConcurrentLogins(int maxConcurrentLogins) {
			this.maxConcurrentLogins = maxConcurrentLogins;
		}

	}

	/** JWT bearer tokens from an identity provider (OAuth2 resource server). */
	public static class Jwt {

		/** The identity provider's JWKS URL; setting it turns JWT authentication on. */
		private @Nullable URI jwkSetUri;

		/** The issuer ("iss") tokens must carry; required with jwk-set-uri. */
		private @Nullable String issuer;

		/** The audience ("aud") tokens must include; required with jwk-set-uri. */
		private @Nullable String audience;

		/** Claim holding the scopes: a space-separated string (OAuth "scope") or a list ("scp", roles). */
		private String scopeClaim = "scope";

		/**
		 * Prefix of the claim values that name gateway scopes, e.g. "ftp:" for "ftp:read"; empty
		 * for none. A value may name a server after a colon: "read:partner-a" is read on
		 * partner-a only.
		 */
		private String scopePrefix = "";

		/**
		 * Claim listing the servers a token's scopes without a server apply to (a string or a
		 * list), e.g. "ftp_servers"; a token without the claim has them on every server. Empty:
		 * no such claim is read.
		 */
		private String serversClaim = "";

		/**
		 * Least time between two fetches of the JWKS: a token naming an unknown key id fetches the
		 * set again only this long after the last fetch, so forged key ids cannot flood the provider.
		 */
		private Duration keySetRefreshInterval = Duration.ofSeconds(30);

		/** Whether tokens must carry an expiry ("exp"); one without would be valid for as long as its key. */
		private boolean requireExpiry = true;

		public @Nullable URI getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable URI jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public String getScopeClaim() {
			return this.scopeClaim;
		}

		public void setScopeClaim(String scopeClaim) {
			this.scopeClaim = scopeClaim;
		}

		public String getScopePrefix() {
			return this.scopePrefix;
		}

		public void setScopePrefix(String scopePrefix) {
			this.scopePrefix = scopePrefix;
		}

		public String getServersClaim() {
			return this.serversClaim;
		}

		public void setServersClaim(String serversClaim) {
			this.serversClaim = serversClaim;
		}

		public Duration getKeySetRefreshInterval() {
			return this.keySetRefreshInterval;
		}

		public void setKeySetRefreshInterval(Duration keySetRefreshInterval) {
			this.keySetRefreshInterval = keySetRefreshInterval;
		}

		public boolean isRequireExpiry() {
			return this.requireExpiry;
		}

		public void setRequireExpiry(boolean requireExpiry) {
			this.requireExpiry = requireExpiry;
		}

	}

	/** Slowing down the guessing of pass-through passwords, per client address and per user name. */
	public static class LoginThrottle {

		/**
		 * Login attempts an address, and a user name, may make before they are slowed down;
		 * counted as they start, given back when they succeed.
		 */
		private int freeFailures = 5;

		/** Longest shut-out; each attempt beyond the free ones doubles it, from 1 s. */
		private Duration maxDelay = Duration.ofSeconds(60);

		/** Most login attempts running at once per address and per user name; more are 429. */
		private int maxConcurrent = 2;

		public int getFreeFailures() {
			return this.freeFailures;
		}

		public void setFreeFailures(int freeFailures) {
			this.freeFailures = freeFailures;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public int getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(int maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

	}

}
