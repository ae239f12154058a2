package dev.ftpgateway.security;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;

/**
 * A request served as its share link, seen by everything after {@link ShareAuthenticationFilter}:
 * without other credentials, and for a write link with {@code If-None-Match: *}.
 * <p>
 * Other credentials are hidden because the link alone decides what the request may do: a browser
 * sends the Basic credentials it holds for the gateway along with a link it was handed, and the
 * request must neither become that user's nor fail on their password. A write link may only
 * create its file, never replace one: that keeps it to one upload without any state on the
 * gateway, and a link that leaked cannot overwrite what was uploaded through it.
 */
final class ShareLinkRequest extends HttpServletRequestWrapper {

	private static final List<String> HIDDEN = List.of(HttpHeaders.AUTHORIZATION, ApiKeyAuthenticationFilter.HEADER);

	private static final String ANY = "*";

	private final boolean createOnly;

	ShareLinkRequest(HttpServletRequest request, boolean createOnly) {
		super(request);
		this.createOnly = createOnly;
	}

	@Override
	public String getHeader(String name) {
		if (hidden(name)) {
			return null;
		}
		return replacesIfNoneMatch(name) ? ANY : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (hidden(name)) {
			return Collections.emptyEnumeration();
		}
		return replacesIfNoneMatch(name) ? Collections.enumeration(List.of(ANY)) : super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = Collections.list(super.getHeaderNames());
		names.removeIf(this::hidden);
		if (this.createOnly && names.stream().noneMatch(this::replacesIfNoneMatch)) {
			names.add(HttpHeaders.IF_NONE_MATCH);
		}
		return Collections.enumeration(names);
	}

	private boolean hidden(String name) {
		return HIDDEN.stream().anyMatch(name::equalsIgnoreCase);
	}

	private boolean replacesIfNoneMatch(String name) {
		return this.createOnly && HttpHeaders.IF_NONE_MATCH.equalsIgnoreCase(name);
	}

}
