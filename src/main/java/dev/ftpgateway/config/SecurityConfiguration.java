package dev.ftpgateway.config;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.UserSessionPool;
import dev.ftpgateway.security.ApiKeyAuthenticationFilter;
import dev.ftpgateway.security.ApiKeyStore;
import dev.ftpgateway.security.CallerSessions;
import dev.ftpgateway.security.ClientAddresses;
import dev.ftpgateway.security.CrossSiteRequestFilter;
import dev.ftpgateway.security.FtpLoginAuthenticationProvider;
import dev.ftpgateway.security.FtpScope;
import dev.ftpgateway.security.GatewayFirewall;
import dev.ftpgateway.security.JwtScopes;
import dev.ftpgateway.security.JwtShapedTokens;
import dev.ftpgateway.security.LoginThrottle;
import dev.ftpgateway.security.SecurityProblems;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Wires the security modes chosen by {@link SecurityModes} into one stateless filter chain:
 * scopes guard {@code /files} by method, health stays open for probes, and everything else
 * needs some scope. Requests carry their credentials every time; no HTTP session is made.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FtpGatewaySecurityProperties.class)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	private static final String[] FILES = { "/files", "/files/**" };

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

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "ftp-gateway.security.pass-through.enabled", havingValue = "true")
	UserSessionPool userSessionPool(ConnectionSettings connection, FtpGatewayProperties properties,
			FtpGatewaySecurityProperties settings, ObjectProvider<FtpEventListener> events) {
		FtpGatewayProperties.Pool pool = properties.getPool();
		FtpGatewaySecurityProperties.PassThrough passThrough = settings.getPassThrough();
		PoolSettings sizes = new PoolSettings(passThrough.getMaxSessions(), 0, passThrough.getMaxSessions(),
				pool.getMaxWait(), pool.getEvictionInterval(), pool.getMinIdleTime(), pool.getValidateAfterIdle());
		return new UserSessionPool(connection, sizes, passThrough.getMaxSessionsPerUser(),
				passThrough.getMaxConcurrentLogins(), events.getIfAvailable(() -> FtpEventListener.NONE));
	}

	/**
	 * The web layer borrows through this: each pass-through caller from their own sessions, every
	 * other caller from the shared ones within its share. The open loopback demo has one caller,
	 * whoever sits at the machine, so no share applies there.
	 */
	@Bean
	@Primary
	CallerSessions callerSessions(FtpSessionPool shared, ObjectProvider<UserSessionPool> users, SecurityModes modes,
			FtpGatewaySecurityProperties settings, FtpGatewayProperties properties) {
		FtpGatewayProperties.Pool pool = properties.getPool();
		Integer configured = settings.getMaxSessionsPerCaller();
		int perCaller = (configured != null) ? configured : Math.max(1, pool.getMaxTotal() / 2);
		return new CallerSessions(shared, users.getIfAvailable(), modes.open() ? pool.getMaxTotal() : perCaller,
				pool.getMaxWait());
	}

	@Bean
	SecurityFilterChain gatewaySecurity(HttpSecurity http, SecurityModes modes, FtpGatewaySecurityProperties settings,
			FtpGatewayProperties properties, SecurityProblems problems, LoginThrottle throttle, ClientAddresses clients,
			ObjectProvider<UserSessionPool> users) throws Exception {
		FtpGatewayProperties.Web web = properties.getWeb();
		// Stateless requests need no CSRF token; the origin check stands in its place for browsers.
		http.csrf((csrf) -> csrf.disable())
			.addFilterBefore(new CrossSiteRequestFilter(web.getPublicUrl(), web.getCors().getAllowedOrigins()),
					CsrfFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (modes.anonymous()) {
			http.anonymous((anonymous) -> anonymous.authorities(authorities(modes.anonymousScopes())));
		}
		else {
			http.anonymous((anonymous) -> anonymous.disable());
		}
		if (modes.passThrough()) {
			http.authenticationProvider(new FtpLoginAuthenticationProvider(users.getObject(),
					settings.getPassThrough().getScopes(), modes.anonymous(), throttle))
				.httpBasic((basic) -> basic.authenticationEntryPoint(problems).authenticationDetailsSource(clients));
		}
		else {
			http.httpBasic((basic) -> basic.disable());
		}
		if (modes.apiKeys()) {
			http.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys(settings), problems, modes.jwt()),
					BearerTokenAuthenticationFilter.class);
		}
		if (modes.jwt()) {
			FtpGatewaySecurityProperties.Jwt jwt = settings.getJwt();
			http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.bearerTokenResolver(new JwtShapedTokens(modes.apiKeys()))
				.jwt((tokens) -> tokens.decoder(IdentityProviderJwtDecoder.of(jwt))
					.jwtAuthenticationConverter(new JwtScopes(jwt.getScopeClaim(), jwt.getScopePrefix()))));
		}
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
			if (modes.publicMetrics()) {
				requests.requestMatchers("/actuator/prometheus").permitAll();
			}
			requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, FILES).hasAuthority(FtpScope.READ.authority())
				.requestMatchers(HttpMethod.HEAD, FILES).hasAuthority(FtpScope.READ.authority())
				.requestMatchers(HttpMethod.PUT, FILES).hasAuthority(FtpScope.WRITE.authority())
				.requestMatchers(HttpMethod.POST, FILES).hasAuthority(FtpScope.WRITE.authority())
				.requestMatchers(HttpMethod.DELETE, FILES)
				.hasAuthority(FtpScope.DELETE.authority())
				// tus: OPTIONS only says what the server supports; every other request writes (a
				// termination removes an unfinished upload's bytes, never a file), as PUT does.
				.requestMatchers(HttpMethod.OPTIONS, UPLOADS)
				.permitAll()
				.requestMatchers(UPLOADS)
				.hasAuthority(FtpScope.WRITE.authority());
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

	private static List<GrantedAuthority> authorities(Set<FtpScope> scopes) {
		return scopes.stream().map(FtpScope::grantedAuthority).toList();
	}

	private static ApiKeyStore apiKeys(FtpGatewaySecurityProperties settings) {
		return new ApiKeyStore(settings.getApiKeys()
			.stream()
			.map((key) -> new ApiKeyStore.ApiKey(key.getName(), key.getHash(), key.getScopes()))
			.toList());
	}

}
