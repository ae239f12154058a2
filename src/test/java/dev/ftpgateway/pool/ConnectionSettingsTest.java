package dev.ftpgateway.pool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSettingsTest {

	private final ConnectionSettings gateways = new ConnectionSettings("ftp.example.org", 2121, "gateway", "secret",
			false, StandardCharsets.ISO_8859_1, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
			TlsSettings.NONE, Duration.ofSeconds(45), false);

	@Test
	void aCallersLoginKeepsEveryOtherSetting() {
		assertThat(this.gateways.withLogin("alice", "alice-secret")).isEqualTo(new ConnectionSettings("ftp.example.org",
				2121, "alice", "alice-secret", false, StandardCharsets.ISO_8859_1, Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(3), TlsSettings.NONE, Duration.ofSeconds(45), false));
	}

	@Test
	void settingsCanBeLoggedWithoutTheirPassword() {
		assertThat(this.gateways.toString()).contains("gateway@ftp.example.org:2121", "useMlsd=false")
			.doesNotContain("secret");
	}

}
