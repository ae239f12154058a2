package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;

import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;

/**
 * Lets Swagger UI's "Try it out" reach nested paths. Swagger UI (swagger-client) encodes a path
 * parameter with {@code encodeURIComponent} whatever the description says (OpenAPI's
 * {@code allowReserved} applies to query parameters only), so {@code tree/file1.txt} went out as
 * {@code tree%2Ffile1.txt}, which the gateway refuses: an encoded slash is how a separator is
 * hidden from a path check. This adds a request interceptor to Swagger UI's configuration that
 * turns {@code %2F} back into {@code /} in the part of a request's path after {@code /files/};
 * a name never holds a slash, so no name is changed by it.
 */
public class SwaggerUiNestedPaths extends SwaggerIndexPageTransformer {

	static final String INTERCEPTOR = """
			requestInterceptor: (request) => {
			      const url = new URL(request.url, document.baseURI);
			      const at = url.pathname.indexOf('/files/');
			      if (url.origin === window.location.origin && at >= 0) {
			        url.pathname = url.pathname.slice(0, at + 7) + url.pathname.slice(at + 7).replace(/%2F/gi, '/');
			        request.url = url.href;
			      }
			      return request;
			    },
			    presets: [""";

	public SwaggerUiNestedPaths(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth,
			SwaggerWelcomeCommon welcome, ObjectMapperProvider mappers) {
		super(config, oauth, welcome, mappers);
	}

	@Override
	protected String defaultTransformations(SwaggerUiConfigParameters parameters, InputStream in) throws IOException {
		return super.defaultTransformations(parameters, in).replace("presets: [", INTERCEPTOR);
	}

}
