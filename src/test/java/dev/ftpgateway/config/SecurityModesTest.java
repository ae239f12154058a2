package dev.ftpgateway.config;

import dev.ftpgateway.security.FtpScope;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecurityModesTest {

	private final FtpGatewaySecurityProperties settings = new FtpGatewaySecurityProperties();

	@Test
	void theDemoWithoutSettingsIsOpenButNotForServerReportsAndBindsLoopback() {
		SecurityModes modes = SecurityModes.decide(this.settings, new MockEnvironment());
		assertThat(modes.open()).isTrue();
		assertThat(modes.bindLoopback()).isTrue();
		assertThat(modes.anonymousScopes()).containsExactlyInAnyOrder(FtpScope.READ, FtpScope.WRITE, FtpScope.DELETE,
				FtpScope.SHARE);
	}

	@Test
	void aBackendWithoutSecurityOnAllInterfacesRefusesToStart() {
		MockEnvironment environment = new MockEnvironment().withProperty("ftp-gateway.server.host", "ftp.example.org");
		assertThatExceptionOfType(UnsecuredGatewayException.class)
			.isThrownBy(() -> SecurityModes.decide(this.settings, environment))
			.withMessageContaining("all interfaces");
	}

	@Test
	void theDemoBoundToAPublicAddressRefusesToStart() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.address", "0.0.0.0");
		assertThatExceptionOfType(UnsecuredGatewayException.class)
			.isThrownBy(() -> SecurityModes.decide(this.settings, environment));
	}

	@Test
	void aBackendWithoutSecurityOnLoopbackIsOpenWithoutRebinding() {
		MockEnvironment environment = new MockEnvironment().withProperty("ftp-gateway.server.host", "ftp.example.org")
			.withProperty("server.address", "127.0.0.1");
		SecurityModes modes = SecurityModes.decide(this.settings, environment);
		assertThat(modes.open()).isTrue();
		assertThat(modes.bindLoopback()).isFalse();
	}

	@Test
	void anonymousAccessWhenEnabledIsReadOnlyByDefaultAndStartsAnywhere() {
		this.settings.getAnonymous().setEnabled(true);
		MockEnvironment environment = new MockEnvironment().withProperty("ftp-gateway.server.host", "ftp.example.org");
		SecurityModes modes = SecurityModes.decide(this.settings, environment);
		assertThat(modes.open()).isFalse();
		assertThat(modes.anonymousScopes()).containsExactly(FtpScope.READ);
		assertThat(modes.publicMetrics()).isFalse();
	}

	@Test
	void passThroughWithForwardedHeadersTrustedFromAnyoneRefusesToStart() {
		this.settings.getPassThrough().setEnabled(true);
		for (String strategy : new String[] { "native", "framework" }) {
			MockEnvironment environment = new MockEnvironment().withProperty("server.forward-headers-strategy", strategy);
			assertThatIllegalStateException().isThrownBy(() -> SecurityModes.decide(this.settings, environment))
				.withMessageContaining("trusted-proxies");
		}
		assertThat(SecurityModes.decide(this.settings,
				new MockEnvironment().withProperty("server.forward-headers-strategy", "none")).passThrough()).isTrue();
	}

	@Test
	void aJwkSetUriWithoutIssuerAndAudienceIsRefused() {
		this.settings.getJwt().setJwkSetUri(java.net.URI.create("https://idp.example.org/certs"));
		assertThatIllegalStateException().isThrownBy(() -> SecurityModes.decide(this.settings, new MockEnvironment()))
			.withMessageContaining("issuer")
			.withMessageContaining("audience");
	}

}
