package dev.ftpgateway.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, opened for exactly the encoded characters that file names
 * may hold: an encoded percent ({@code %25}, a name with a literal {@code %}) and an encoded
 * semicolon ({@code %3B}, a name such as {@code a;b.txt}). {@code RemotePath} decodes exactly
 * once and refuses double-encoded dots, slashes, backslashes and control characters itself.
 * <p>
 * A raw {@code ;} stays refused: containers read it as the start of a path parameter
 * ({@code /files/a;jsessionid=x}) that some layers strip and others keep, the kind of
 * disagreement that path-confusion attacks live on. Everything else the strict firewall refuses
 * (encoded slashes, backslashes, dot segments, CR, LF, NUL, line separators) stays refused.
 */
public final class GatewayFirewall extends StrictHttpFirewall {

	public GatewayFirewall() {
		setAllowUrlEncodedPercent(true);
		setAllowSemicolon(true);
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
		if (request.getRequestURI().indexOf(';') >= 0) {
			throw new RequestRejectedException("The request was rejected because the URL contains a raw ';' (a path parameter)");
		}
		return super.getFirewalledRequest(request);
	}

}
