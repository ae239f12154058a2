package dev.ftpgateway.config;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.UserSessionPool;
import dev.ftpgateway.security.ApiKeyAuthenticationFilter;
import dev.ftpgateway.security.ApiKeyStore;
import dev.ftpgateway.security.CallerSessions;
import dev.ftpgateway.security.ClientAddresses;
import dev.ftpgateway.security.CorsPolicy;
import dev.ftpgateway.security.CrossSiteRequestFilter;
import dev.ftpgateway.security.FtpLoginAuthenticationProvider;
import dev.ftpgateway.security.FtpScope;
import dev.ftpgateway.security.GatewayFirewall;
import dev.ftpgateway.security.JwtScopes;
import dev.ftpgateway.security.JwtShapedTokens;
import dev.ftpgateway.security.LoginDetails;
import dev.ftpgateway.security.LoginThrottle;
import dev.ftpgateway.security.SecurityProblems;
import dev.ftpgateway.security.ServerAccess;
import dev.ftpgateway.security.ShareAuthenticationFilter;
import dev.ftpgateway.security.ShareTokens;
import dev.ftpgateway.web.FilesRoute;
import dev.ftpgateway.web.page.SignInPage;
import dev.ftpgateway.web.report.ServersController;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Wires the security modes chosen by {@link SecurityModes} into one stateless filter chain:
 * scopes guard {@code /files} and {@code /servers/NAME/files} by method, {@code /shares} by the
 * share scope and the server reports ({@code /servers}, {@code /servers/NAME}) by the admin scope, share links stand in for them on the paths they cover, health stays open for
 * probes, and everything else needs some scope; everything on a management port of its own
 * (management.server.port) is open. Requests carry their credentials every time; no
 * HTTP session is made.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FtpGatewaySecurityProperties.class)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	private static final String MANAGEMENT_PORT_PROPERTY = "management.server.port";

	private static final int DEFAULT_SERVER_PORT = 8080;

	private static final String[] DEFAULT_SERVER_FILES = { "/files", "/files/**" };

	private static final String[] NAMED_SERVER_FILES = { "/servers/{" + ServerAccess.SERVER_VARIABLE + "}/files",
			"/servers/{" + ServerAccess.SERVER_VARIABLE + "}/files/**" };

	private static final String SERVER_REPORTS = ServersController.PATH;

	private static final String SERVER_REPORT = ServersController.PATH + "/{" + ServerAccess.SERVER_VARIABLE + "}";

	/** The running transfers' endpoint: listing and cancelling them takes the admin scope. */
	private static final String TRANSFERS = "/actuator/transfers";

	/** The scope each method needs below a files tree. */
	private static final Map<HttpMethod, FtpScope> SCOPES = Map.of(HttpMethod.GET, FtpScope.READ, HttpMethod.HEAD,
			FtpScope.READ, HttpMethod.PUT, FtpScope.WRITE, HttpMethod.POST, FtpScope.WRITE, HttpMethod.DELETE,
			FtpScope.DELETE);

	private static final String[] UPLOADS = { "/uploads", "/uploads/**" };

	@Bean
	SecurityModes securityModes(FtpGatewaySecurityProperties settings, Environment environment) {
		SecurityModes modes = SecurityModes.decide(settings, environment);
		if (modes.open()) {
			logger.warn("*** No authentication configured: the gateway is OPEN to anyone who can reach it (anonymous "
					+ "read, write and delete), so it listens on loopback only. Configure ftp-gateway.security.* "
					+ "before exposing it (README, \"Security\"). ***");
		}
		else {
			logger.info("Security: api-keys=" + modes.apiKeys() + ", pass-through=" + modes.passThrough() + ", jwt="
					+ modes.jwt() + ", anonymous=" + modes.anonymousScopes());
		}
		return modes;
	}

	/** Binds loopback for the open demo, unless server.address already chose a (loopback) address. */
	@Bean
	WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackWhenOpen(SecurityModes modes) {
		return (factory) -> {
			if (modes.bindLoopback()) {
				factory.setAddress(InetAddress.getLoopbackAddress());
			}
		};
	}

	/**
	 * No Spring Security observations: they wrapped each of the chain's dozen filters in an
	 * observation event and timed every authorization, which cost more CPU per small download
	 * than the FTP dialogue did, for {@code spring_security_*} metrics nobody alerts on.
	 * {@code http_server_requests_seconds} still times and counts every request, rejections included.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	LoginThrottle loginThrottle(FtpGatewaySecurityProperties settings) {
		FtpGatewaySecurityProperties.LoginThrottle throttle = settings.getLoginThrottle();
		return new LoginThrottle(throttle.getFreeFailures(), throttle.getMaxDelay(), throttle.getMaxConcurrent(),
				Clock.systemUTC());
	}

	@Bean
	ClientAddresses clientAddresses(FtpGatewaySecurityProperties settings) {
		return new ClientAddresses(settings.getTrustedProxies());
	}

	/** The origins CORS serves and the cross-site check trusts: one list for both. */
	@Bean
	CorsPolicy corsPolicy(FtpGatewayProperties properties) {
		FtpGatewayProperties.Web.Cors cors = properties.getWeb().getCors();
		return new CorsPolicy(cors.getAllowedOrigins(), cors.getAllowedMethods(), cors.getAllowedHeaders(),
				cors.getMaxAge(), cors.isAllowCredentials());
	}

	@Bean
	SecurityProblems securityProblems(SecurityModes modes) {
		return new SecurityProblems(modes.passThrough(), modes.bearer());
	}

	/**
	 * Spring Security's firewall, opened for the encoded characters names may hold (see
	 * {@link GatewayFirewall}), with its rejections (encoded slashes, dot segments, NUL, CR/LF)
	 * as problem+json.
	 */
	@Bean
	WebSecurityCustomizer firewall(SecurityProblems problems) {
		return (web) -> web.httpFirewall(new GatewayFirewall()).requestRejectedHandler(problems);
	}

	/**
	 * Leaves URIs with encoded control characters or backslashes to the firewall, which refuses
	 * them as problem+json for every method and past the access log: Jetty's own Servlet 6 check
	 * answered them before any filter ran, with an empty body for PUT and DELETE and no log line.
	 * Applied as each connector starts, so after every customizer that sets the URI compliance.
	 */
	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> firewallDecidesSuspiciousPaths() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					connector.addEventListener(new LifeCycle.Listener() {

						@Override
						public void lifeCycleStarting(LifeCycle event) {
							HttpConfiguration configuration = http.getHttpConfiguration();
							configuration.setUriCompliance(configuration.getUriCompliance()
								.with("ftp-gateway-firewall", UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
						}

					});
				}
			}
		});
	}

	/**
	 * Where the web layer borrows each server's sessions: each pass-through caller from their own
	 * sessions, every other caller from the shared ones within its share. Shares, pools and their
	 * locks are per server, so a caller busy on one server keeps its share on the others. The open
	 * loopback demo has one caller, whoever sits at the machine, so no share applies there.
	 */
	@Bean(destroyMethod = "close")
	ServerSessions serverSessions(BackendServers backends, SecurityModes modes, FtpGatewaySecurityProperties settings,
			ObjectProvider<ServerEventListeners> events) {
		ServerEventListeners listeners = events.getIfAvailable(() -> ServerEventListeners.NONE);
		Set<String> passThrough = settings.getPassThrough().getServers();
		checkServers(passThrough, "ftp-gateway.security.pass-through.servers", backends);
		Map<String, FtpSessions> sessions = new LinkedHashMap<>();
		Map<String, UserSessionPool> users = new LinkedHashMap<>();
		for (BackendServers.Backend backend : backends.all()) {
			boolean loginsHere = modes.passThrough() && (passThrough.isEmpty() || passThrough.contains(backend.name()));
			UserSessionPool own = loginsHere ? userSessionPool(backend, settings, listeners.of(backend.name())) : null;
			if (own != null) {
				users.put(backend.name(), own);
			}
			PoolSettings pool = backend.settings();
			Integer configured = settings.getMaxSessionsPerCaller();
			int perCaller = (configured != null) ? configured : Math.max(1, pool.maxTotal() / 2);
			sessions.put(backend.name(), new CallerSessions(backend.pool(), own,
					modes.open() ? pool.maxTotal() : perCaller, pool.maxWait(), backend.definition().pool().getMaxWaiting()));
		}
		return new ServerSessions(sessions, users);
	}

	private static UserSessionPool userSessionPool(BackendServers.Backend backend,
			FtpGatewaySecurityProperties settings, FtpEventListener events) {
		PoolSettings pool = backend.settings();
		FtpGatewaySecurityProperties.PassThrough passThrough = settings.getPassThrough();
		PoolSettings sizes = new PoolSettings(passThrough.getMaxSessions(), 0, passThrough.getMaxSessions(),
				pool.maxWait(), pool.evictionInterval(), pool.minEvictableIdle(), pool.validateAfterIdle());
		return new UserSessionPool(backend.definition().unnamed() ? null : backend.name(), backend.connection(), sizes,
				passThrough.getMaxSessionsPerUser(), passThrough.getMaxConcurrentLogins(), events);
	}

	/**
	 * Where a request's caller is kept from one of its dispatches to the next: in the request
	 * itself, since the gateway keeps no sessions. A GET that waits for a check without its thread
	 * is finished on a later dispatch, which finds its caller here.
	 */
	@Bean
	SecurityContextRepository requestSecurityContexts() {
		return new RequestAttributeSecurityContextRepository();
	}

	@Bean
	SecurityFilterChain gatewaySecurity(HttpSecurity http, SecurityModes modes, FtpGatewaySecurityProperties settings,
			FtpGatewayProperties properties, SecurityProblems problems, LoginThrottle throttle, ClientAddresses clients,
			CorsPolicy cors, ObjectProvider<ShareTokens> shares, BackendServers backends,
			ServerSessions serverSessions, SecurityContextRepository requestSecurityContexts, Environment environment)
			throws Exception {
		// Preflights are answered before authentication: a browser sends them without credentials.
		http.cors((config) -> config.configurationSource(cors))
			// Stateless requests need no CSRF token; the origin check stands in its place for browsers.
			.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new CrossSiteRequestFilter(properties.getWeb().getPublicUrl(), cors), CsrfFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((contexts) -> contexts.securityContextRepository(requestSecurityContexts))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			// A browser asking for a folder page without credentials gets a sign-in page with the same 401.
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new SignInPage(problems))
				.accessDeniedHandler(problems));
		// A share link decides alone, ahead of every other way in, whatever other credentials come with it.
		shares.ifAvailable((tokens) -> http.addFilterAfter(new ShareAuthenticationFilter(tokens, Clock.systemUTC()),
				CsrfFilter.class));
		if (modes.anonymous()) {
			http.anonymous((anonymous) -> anonymous.authorities(authorities(modes.anonymousScopes())));
		}
		else {
			http.anonymous((anonymous) -> anonymous.disable());
		}
		if (modes.passThrough()) {
			// A login is checked with the server the request is for; elsewhere (metrics) with the default one.
			http.authenticationProvider(new FtpLoginAuthenticationProvider(serverSessions.users(),
					settings.getPassThrough().getScopes(), modes.anonymous(), throttle))
				.httpBasic((basic) -> basic.authenticationEntryPoint(problems)
					.authenticationDetailsSource(LoginDetails.source(clients,
							(request) -> FilesRoute.namedServer(request).or(backends::defaultName))));
		}
		else {
			http.httpBasic((basic) -> basic.disable());
		}
		if (modes.apiKeys()) {
			http.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys(settings, backends), problems, modes.jwt()),
					BearerTokenAuthenticationFilter.class);
		}
		if (modes.jwt()) {
			FtpGatewaySecurityProperties.Jwt jwt = settings.getJwt();
			http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.bearerTokenResolver(new JwtShapedTokens(modes.apiKeys()))
				.jwt((tokens) -> tokens.decoder(IdentityProviderJwtDecoder.of(jwt))
					.jwtAuthenticationConverter(
							new JwtScopes(jwt.getScopeClaim(), jwt.getScopePrefix(), jwt.getServersClaim()))));
		}
		Integer managementPort = separateManagementPort(environment);
		http.authorizeHttpRequests((requests) -> {
			if (managementPort != null) {
				// The management port is the operators' own, reached as health is: no credentials there.
				requests.requestMatchers((request) -> request.getLocalPort() == managementPort).permitAll();
			}
			requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
			// The way to /files/ and the folder page's script and style sheet, which hold nothing of the caller's.
			requests.requestMatchers(HttpMethod.GET, "/", "/assets/**").permitAll();
			if (modes.publicMetrics()) {
				requests.requestMatchers("/actuator/prometheus").permitAll();
			}
			requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll();
			// The scope on the server the request is for: every server's (SCOPE_read) or that one's (SCOPE_read:NAME).
			SCOPES.forEach((method, scope) -> requests.requestMatchers(method, DEFAULT_SERVER_FILES)
				.access(ServerAccess.onDefaultServer(scope, backends.defaultName()))
				.requestMatchers(method, NAMED_SERVER_FILES)
				.access(ServerAccess.onNamedServer(scope)));
			// Server reports: admin on every server (SCOPE_admin) or on the one reported (SCOPE_admin:NAME);
			// the list takes admin on any server.
			requests.requestMatchers(HttpMethod.GET, SERVER_REPORTS)
				.access(ServerAccess.onDefaultServer(FtpScope.ADMIN, Optional.empty()))
				.requestMatchers(HttpMethod.GET, SERVER_REPORT)
				.access(ServerAccess.onNamedServer(FtpScope.ADMIN));
			// Share links cover paths on the default server, so handing them out takes the share scope there.
			requests.requestMatchers(HttpMethod.POST, SecurityProblems.SHARES)
				.access(ServerAccess.onDefaultServer(FtpScope.SHARE, backends.defaultName()));
			// tus: OPTIONS only says what the server supports; every other request writes (a
			// termination removes an unfinished upload's bytes, never a file), as PUT does, and
			// resumable uploads go to the default server.
			requests.requestMatchers(HttpMethod.OPTIONS, UPLOADS)
				.permitAll()
				.requestMatchers(UPLOADS)
				.access(ServerAccess.onDefaultServer(FtpScope.WRITE, backends.defaultName()));
			// Listing and cancelling every caller's transfers is for operators: the admin scope.
			if (!modes.open()) {
				requests.requestMatchers(TRANSFERS, TRANSFERS + "/**").hasAuthority(FtpScope.ADMIN.authority());
			}
			// Metrics and anything not listed: any caller the gateway knows, never the anonymous public.
			if (modes.open()) {
				requests.anyRequest().permitAll();
			}
			else {
				requests.anyRequest().authenticated();
			}
		});
		return http.build();
	}

	/** management.server.port when it is a fixed port other than server.port, else {@code null}. */
	private static Integer separateManagementPort(Environment environment) {
		Integer management = environment.getProperty(MANAGEMENT_PORT_PROPERTY, Integer.class);
		Integer server = environment.getProperty("server.port", Integer.class, DEFAULT_SERVER_PORT);
		if (management == null || management <= 0 || management.equals(server)) {
			return null;
		}
		return management;
	}

	private static List<GrantedAuthority> authorities(Set<FtpScope> scopes) {
		return scopes.stream().map(FtpScope::grantedAuthority).toList();
	}

	private static ApiKeyStore apiKeys(FtpGatewaySecurityProperties settings, BackendServers backends) {
		List<FtpGatewaySecurityProperties.ApiKey> keys = settings.getApiKeys();
		for (int i = 0; i < keys.size(); i++) {
			checkServers(keys.get(i).getServers(), "ftp-gateway.security.api-keys[" + i + "].servers", backends);
		}
		return new ApiKeyStore(keys.stream()
			.map((key) -> new ApiKeyStore.ApiKey(key.getName(), key.getHash(), key.getScopes(), key.getServers()))
			.toList());
	}

	/** Refuses to start with a server restriction that names a server the gateway does not have. */
	private static void checkServers(Set<String> names, String property, BackendServers backends) {
		List<String> known = backends.all().stream().map(BackendServers.Backend::name).toList();
		for (String name : names) {
			if (!known.contains(name)) {
				throw new IllegalStateException(property + " names '" + name + "', which is no server: there are " + known);
			}
		}
	}

}
