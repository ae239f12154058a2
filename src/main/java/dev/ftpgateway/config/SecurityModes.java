package dev.ftpgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

import dev.ftpgateway.security.FtpScope;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Which ways in are open, decided once at start-up from the security settings and the address
 * the gateway binds.
 * <p>
 * Pass-through logins refuse to start with {@code server.forward-headers-strategy} set: the login
 * throttle needs the client address, which only {@code ftp-gateway.security.trusted-proxies} may
 * take from forwarded headers.
 * <p>
 * With no mode configured, the gateway is {@code open} (anonymous read, write and delete) only
 * where nobody else can reach it: bound to a loopback address, or, in the embedded demo (no FTP
 * backend), bound to loopback on its behalf. Anywhere else it refuses to start. The open
 * gateway grants every scope but {@code admin}.
 *
 * @param apiKeys whether API keys are accepted
 * @param passThrough whether HTTP Basic credentials are FTP logins
 * @param jwt whether JWT bearer tokens are accepted
 * @param anonymousScopes what requests without credentials may do; empty when they are refused
 * @param open whether no mode was configured and everything is open on loopback
 * @param bindLoopback whether the gateway must bind 127.0.0.1 because nothing else was asked for
 * @param publicMetrics whether /actuator/prometheus needs no credentials
 */
record SecurityModes(boolean apiKeys, boolean passThrough, boolean jwt, Set<FtpScope> anonymousScopes, boolean open,
		boolean bindLoopback, boolean publicMetrics) {

	static final String ADDRESS_PROPERTY = "server.address";

	static final String FORWARD_HEADERS_PROPERTY = "server.forward-headers-strategy";

	static SecurityModes decide(FtpGatewaySecurityProperties settings, Environment environment) {
		boolean apiKeys = !settings.getApiKeys().isEmpty();
		boolean passThrough = settings.getPassThrough().isEnabled();
		boolean jwt = settings.getJwt().getJwkSetUri() != null;
		boolean anonymous = settings.getAnonymous().isEnabled();
		if (jwt && (!StringUtils.hasText(settings.getJwt().getIssuer())
				|| !StringUtils.hasText(settings.getJwt().getAudience()))) {
			throw new IllegalStateException("ftp-gateway.security.jwt.jwk-set-uri is set: set "
					+ "ftp-gateway.security.jwt.issuer and ftp-gateway.security.jwt.audience too, or any "
					+ "identity provider's tokens for any service would be accepted");
		}
		String forwardHeaders = environment.getProperty(FORWARD_HEADERS_PROPERTY, "none");
		if (passThrough && !forwardHeaders.equalsIgnoreCase("none")) {
			throw new IllegalStateException(FORWARD_HEADERS_PROPERTY + "=" + forwardHeaders + " takes the client address "
					+ "from X-Forwarded-For whoever sends it, so a client could pick a new address for each password "
					+ "guess: remove it and list the reverse proxies in ftp-gateway.security.trusted-proxies instead");
		}
		if (apiKeys || passThrough || jwt || anonymous) {
			Set<FtpScope> anonymousScopes = anonymous ? Set.copyOf(settings.getAnonymous().getScopes()) : Set.of();
			return new SecurityModes(apiKeys, passThrough, jwt, anonymousScopes, false, false,
					settings.isPublicMetrics());
		}
		String address = environment.getProperty(ADDRESS_PROPERTY);
		boolean demo = NoFtpBackendCondition.isDemo(environment);
		boolean unset = !StringUtils.hasText(address);
		if ((unset && demo) || (!unset && isLoopback(address))) {
			// The server reports show the servers' software and settings: never open implicitly.
			return new SecurityModes(false, false, false, EnumSet.complementOf(EnumSet.of(FtpScope.ADMIN)), true, unset,
					true);
		}
		throw new UnsecuredGatewayException(unset ? "all interfaces (server.address is not set)" : address);
	}

	private static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** Whether requests without credentials are served. */
	boolean anonymous() {
		return !this.anonymousScopes.isEmpty();
	}

	/** Whether any bearer token, API key or JWT, is accepted. */
	boolean bearer() {
		return this.apiKeys || this.jwt;
	}

}
