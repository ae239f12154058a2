package dev.ftpgateway.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web-only wiring: the {@link RemotePath} argument resolver and the OpenAPI description. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RemotePathArgumentResolver());
	}

	@Bean
	OpenAPI ftpGatewayOpenApi() {
		return new OpenAPI().info(new Info().title("ftp-gateway")
			.version("v1")
			.description("Files and folders of an FTP server over HTTP. Errors are RFC 9457 problem details "
					+ "(application/problem+json) with ftpCode and ftpReply properties when an FTP reply caused them."));
	}

}
