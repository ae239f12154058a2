package dev.ftpgateway.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web-only wiring: the {@link RemotePath} argument resolver, Tomcat's URI handling and the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	private static final int SOCKET_BUFFER_BYTES = 64 * 1024;

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RemotePathArgumentResolver());
	}

	/**
	 * Lets encoded slashes and backslashes through to {@link RemotePath}, which decodes and
	 * checks them itself, and renders the URIs Tomcat still rejects as problem+json.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonForRejectedUris() {
		return (factory) -> {
			factory.addConnectorCustomizers((connector) -> {
				connector.setEncodedSolidusHandling("passthrough");
				connector.setEncodedReverseSolidusHandling("passthrough");
			});
			// The host installs its error valve when it starts, before its contexts do: set it
			// while the context is being configured, not from the context's own start events.
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		};
	}

	/**
	 * Tomcat's per-connection socket buffers: 64 KiB, off the heap. Tomcat copies every write into
	 * its application write buffer and sends that, 8 KiB at a time by default, so a transfer cost
	 * eight system calls per 64 KiB; and a heap buffer costs the JDK one more copy into native
	 * memory per write. Each connection keeps both buffers while it lives, so they stay at 64 KiB
	 * whatever the transfer buffer (see src/bench/RESULTS.md).
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> directSocketBuffers() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
			connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
			connector.setProperty("socket.directBuffer", "true");
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
