package dev.ftpgateway.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import dev.ftpgateway.files.InvalidRemotePathException;

/**
 * Checks the raw URI of every request that names {@code /files} or {@code /servers/NAME/files}
 * before the container's own normalisation can hide it: {@code /files/%2e%2e/x} is normalised
 * to {@code /x} and would otherwise become a 404 for an unrelated path instead of the 400 an
 * escape attempt deserves. A request for a server there is not is 404 here, whatever its
 * method. Then hands the request on with parameters from its query string only
 * ({@link QueryParameters}).
 */
@Component
public class FilesPathFilter extends OncePerRequestFilter {

	private final HandlerExceptionResolver resolver;

	private final FileServerResolver servers;

	public FilesPathFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver,
			FileServerResolver servers) {
		this.resolver = resolver;
		this.servers = servers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (FilesRoute.of(request).isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletRequest checked;
		try {
			RemotePathArgumentResolver.fromRequest(request);
			this.servers.of(request);
			checked = QueryParameters.of(request);
		}
		catch (InvalidRemotePathException | ErrorResponseException ex) {
			// Rendered by FtpProblemHandler, like every other problem.
			this.resolver.resolveException(request, response, null, ex);
			return;
		}
		chain.doFilter(checked, response);
	}

}
