package dev.ftpgateway.config;

import java.net.URI;
import java.util.List;

import dev.ftpgateway.security.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the enabled authentication modes as OpenAPI security schemes, each an alternative
 * for every operation, so Swagger UI's "Authorize" dialog offers exactly the ways in that work;
 * and names the server without asking the request.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurityConfiguration {

	@Bean
	OpenApiCustomizer securitySchemes(SecurityModes modes) {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.setComponents(components);
			if (modes.apiKeys()) {
				add(openApi, components, "apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(ApiKeyAuthenticationFilter.HEADER)
					.description("An API key from ftp-gateway.security.api-keys; also accepted as a bearer token"));
			}
			if (modes.passThrough()) {
				add(openApi, components, "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("basic")
					.description("Your own FTP user name and password, passed through to the FTP server"));
			}
			if (modes.jwt()) {
				add(openApi, components, "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An access token from the identity provider, with read, write, delete, share or admin scopes"));
			}
		};
	}

	/**
	 * The configured public URL, or a relative server ({@code /}, the gateway the description
	 * came from). springdoc would otherwise build the URL from the request's Host header, which a
	 * client chooses freely, and cache it for every later reader of the description.
	 */
	@Bean
	OpenApiCustomizer serverWithoutTheRequestsHost(FtpGatewayProperties properties) {
		URI publicUrl = properties.getWeb().getPublicUrl();
		String url = (publicUrl != null) ? publicUrl.toString() : "/";
		return (openApi) -> openApi.setServers(List.of(new Server().url(url)));
	}

	private static void add(OpenAPI openApi, Components components, String name,
			SecurityScheme scheme) {
		components.addSecuritySchemes(name, scheme);
		openApi.addSecurityItem(new SecurityRequirement().addList(name));
	}

}
