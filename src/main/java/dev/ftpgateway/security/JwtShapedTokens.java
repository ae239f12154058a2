package dev.ftpgateway.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Hands the resource server only bearer tokens shaped like a JWT (header.payload.signature)
 * when API keys may arrive as bearer tokens too, so each kind of token reaches one checker only.
 */
public final class JwtShapedTokens implements BearerTokenResolver {

	private final BearerTokenResolver delegate = new DefaultBearerTokenResolver();

	private final boolean apiKeysEnabled;

	public JwtShapedTokens(boolean apiKeysEnabled) {
		this.apiKeysEnabled = apiKeysEnabled;
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String token = this.delegate.resolve(request);
		if (token == null || !this.apiKeysEnabled || looksLikeJwt(token)) {
			return token;
		}
		return null;
	}

	static boolean looksLikeJwt(String token) {
		return token.indexOf('.') > 0;
	}

}
