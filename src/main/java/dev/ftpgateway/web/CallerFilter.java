package dev.ftpgateway.web;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes who is asking in the request ({@link AccessLogFilter#CALLER}) once authentication let the
 * request through: the access log writes its line after the security filters cleared what they
 * knew, so it reads the caller from there. Anonymous callers are not noted.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class CallerFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Principal caller = request.getUserPrincipal();
		if (caller != null) {
			request.setAttribute(AccessLogFilter.CALLER, caller.getName());
		}
		chain.doFilter(request, response);
	}

}
