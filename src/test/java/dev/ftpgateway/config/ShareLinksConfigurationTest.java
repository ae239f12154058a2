package dev.ftpgateway.config;

import java.time.Duration;

import dev.ftpgateway.security.ShareTokens;
import dev.ftpgateway.web.share.ShareSettings;
import dev.ftpgateway.web.share.ShareSigner;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Share links are on with a secret of at least 32 bytes, off without one, and a shorter one stops the start. */
class ShareLinksConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, ShareLinksConfiguration.class);

	@Test
	void withoutASecretSharesAreOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ShareSigner.class).doesNotHaveBean(ShareTokens.class);
			assertThat(context.getBean(ShareSettings.class).maxExpiresIn()).isEqualTo(Duration.ofDays(7));
		});
	}

	@Test
	void aSecretOfAtLeast32BytesTurnsSharesOn() {
		this.runner.withPropertyValues("ftp-gateway.shares.secret=" + "s".repeat(32),
				"ftp-gateway.shares.max-expires-in=12h", "ftp-gateway.web.public-url=https://files.example.org")
			.run((context) -> {
				assertThat(context).hasSingleBean(ShareSigner.class).hasSingleBean(ShareTokens.class);
				assertThat(context.getBean(ShareSettings.class).maxExpiresIn()).isEqualTo(Duration.ofHours(12));
				assertThat(context.getBean(ShareSettings.class).publicUrl()).hasToString("https://files.example.org");
			});
	}

	@Test
	void aShorterOrEmptySecretRefusesToStartSayingWhy() {
		for (String secret : new String[] { "s".repeat(31), "" }) {
			this.runner.withPropertyValues("ftp-gateway.shares.secret=" + secret).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("ftp-gateway.shares.secret")
					.hasMessageContaining("at least 32 bytes");
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FtpGatewayProperties.class)
	static class Properties {

	}

}
