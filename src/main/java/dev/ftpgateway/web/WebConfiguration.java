package dev.ftpgateway.web;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;

import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.ftpgateway.web.problem.ProblemErrorHandler;

/**
 * Web-only wiring: the {@link RemotePath} argument resolver, the routes of named servers, Jetty's
 * URI handling and socket reads, and the OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	private static final int SOCKET_READ_BYTES = 64 * 1024;

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RemotePathArgumentResolver());
	}

	/** Every handler below /files answers below /servers/{server}/files too ({@link FilesRoutesMapping}). */
	@Bean
	WebMvcRegistrations filesOnEveryServer() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new FilesRoutesMapping();
			}

		};
	}

	/**
	 * Lets encoded slashes and percent signs through to {@link RemotePath}, which decodes and
	 * checks them itself, and renders the requests Jetty still rejects as problem+json, logged
	 * like every other request.
	 */
	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> problemJsonForRejectedUris() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			server.setErrorHandler(new ProblemErrorHandler(AccessLogFilter::log));
			for (HttpConnectionFactory http : httpConnectionFactories(server)) {
				http.getHttpConfiguration()
					.setUriCompliance(UriCompliance.DEFAULT.with("ftp-gateway",
							UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
							UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
			}
			ServletHandler servlets = server.getDescendant(ServletHandler.class);
			if (servlets != null) {
				servlets.setDecodeAmbiguousURIs(true);
			}
		});
	}

	/**
	 * Jetty's reads from a client socket: 64 KiB instead of 8 KiB, so an upload costs an eighth of
	 * the system calls (src/bench/RESULTS.md, "Jetty instead of Tomcat"). The buffer is taken from Jetty's pool for
	 * a read and given back once its bytes are consumed, so idle connections do not keep one.
	 */
	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> largeSocketReads() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (HttpConnectionFactory http : httpConnectionFactories(server)) {
				http.setInputBufferSize(SOCKET_READ_BYTES);
			}
		});
	}

	/**
	 * Keeps each connection's idle timeout during a graceful shutdown. Jetty lowers it to 1 s when
	 * shutdown begins, which cut a download that was still running but waiting on a client that
	 * paused reading, or on an FTP server that paused sending, for more than a second.
	 */
	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> sameIdleTimeoutDuringShutdown() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				if (connector instanceof AbstractConnector withShutdownTimeout) {
					// Negative: Jetty leaves the connections' idle timeouts as they are.
					withShutdownTimeout.setShutdownIdleTimeout(-1);
				}
			}
		});
	}

	private static List<HttpConnectionFactory> httpConnectionFactories(Server server) {
		return Arrays.stream(server.getConnectors())
			.map((connector) -> connector.getConnectionFactory(HttpConnectionFactory.class))
			.filter(Objects::nonNull)
			.toList();
	}

	/** Swagger UI with "Try it out" working for nested paths ({@link SwaggerUiNestedPaths}). */
	@Bean
	SwaggerIndexTransformer swaggerUiNestedPaths(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth,
			SwaggerWelcomeCommon welcome, ObjectMapperProvider mappers) {
		return new SwaggerUiNestedPaths(config, oauth, welcome, mappers);
	}

	/**
	 * Declares the {@code server} of {@code /servers/{server}/files/...}, which the mapping adds
	 * ({@link FilesRoutesMapping}) and no handler method names.
	 */
	@Bean
	OpenApiCustomizer namedServerParameter() {
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith(FilesRoutesMapping.NAMED_SERVER_PREFIX + "/")) {
				item.addParametersItem(new PathParameter().name("server")
					.description("The FTP server's name, as configured in ftp-gateway.servers")
					.schema(new StringSchema().pattern("^[a-z0-9-]+$")));
			}
		});
	}

	@Bean
	OpenAPI ftpGatewayOpenApi() {
		return new OpenAPI().info(new Info().title("ftp-gateway")
			.version("v1")
			.description("Files and folders of an FTP server over HTTP. Errors are RFC 9457 problem details "
					+ "(application/problem+json) with ftpCode and ftpReply properties when an FTP reply caused them."));
	}

}
