package dev.ftpgateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.files.RemotePath;

/**
 * Resolves a {@link RemotePath} handler parameter from the raw request URI, after the
 * {@code /files} or {@code /servers/NAME/files} prefix ({@link FilesRoute}). Path variables are
 * decoded by Spring already; reading the raw URI keeps decoding to exactly one pass, done and
 * checked by {@link RemotePath#parse(String)}.
 */
final class RemotePathArgumentResolver implements HandlerMethodArgumentResolver {

	static final String PREFIX = FilesRoute.FILES;

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == RemotePath.class;
	}

	@Override
	public RemotePath resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		return fromRequest(request);
	}

	static RemotePath fromRequest(HttpServletRequest request) {
		FilesRoute route = FilesRoute.of(request)
			.orElseThrow(() -> new InvalidRemotePathException("request path is not below " + PREFIX));
		return RemotePath.parse(route.rawPath());
	}

}
