package dev.ftpgateway.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.ftpgateway.security.ShareGrant;
import dev.ftpgateway.security.ShareIssuer;
import dev.ftpgateway.security.ShareTokens;
import dev.ftpgateway.web.share.ShareSettings;
import dev.ftpgateway.web.share.ShareSigner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Share links: on when {@code ftp-gateway.shares.secret} is set (a secret shorter than 32 bytes,
 * empty included, stops the start), off otherwise. The web layer's {@link ShareSigner} is the
 * security layer's {@link ShareIssuer}; the filter that accepts links is added to the chain by
 * {@link SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class ShareLinksConfiguration {

	static final String SECRET = "ftp-gateway.shares.secret";

	@Bean
	@ConditionalOnProperty(SECRET)
	ShareTokens shareTokens(FtpGatewayProperties properties) {
		String secret = properties.getShares().getSecret();
		return new ShareTokens((secret != null) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0]);
	}

	@Bean
	@ConditionalOnProperty(SECRET)
	ShareSigner shareSigner(ShareTokens tokens, FtpGatewayProperties properties) {
		ShareIssuer issuer = new ShareIssuer(tokens, Clock.systemUTC(), ServerDefinitions.of(properties).defaultName());
		return (path, access, expiresIn) -> {
			ShareIssuer.SignedLink link = issuer.issue(path, ShareGrant.Access.valueOf(access.name()), expiresIn);
			return new ShareSigner.SignedShare(link.token(), link.grant().expiresAt());
		};
	}

	@Bean
	ShareSettings shareSettings(FtpGatewayProperties properties) {
		return new ShareSettings(properties.getWeb().getPublicUrl(), properties.getShares().getMaxExpiresIn());
	}

}
