package dev.ftpgateway.config;

import java.util.HashMap;
import java.util.Map;

import dev.ftpgateway.FtpGatewayApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A server restriction naming a server the gateway does not have stops the start, saying which. */
class ServerRestrictionSettingsIT {

	@Test
	void anApiKeyForAServerThereIsNotStopsTheStart() {
		assertRefused(Map.of("ftp-gateway.security.api-keys[0].name", "ci", "ftp-gateway.security.api-keys[0].hash",
				"{sha256}" + "0".repeat(64), "ftp-gateway.security.api-keys[0].servers", "partner-b"),
				"ftp-gateway.security.api-keys[0].servers names 'partner-b', which is no server: there are [partner-a]");
	}

	@Test
	void passThroughForAServerThereIsNotStopsTheStart() {
		assertRefused(Map.of("ftp-gateway.security.pass-through.enabled", "true",
				"ftp-gateway.security.pass-through.servers", "partner-a,default"),
				"ftp-gateway.security.pass-through.servers names 'default', which is no server: there are [partner-a]");
	}

	private static void assertRefused(Map<String, Object> security, String message) {
		SpringApplication application = new SpringApplication(FtpGatewayApplication.class);
		Map<String, Object> properties = new HashMap<>(security);
		properties.put("ftp-gateway.servers.partner-a.host", "127.0.0.1");
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		application.setDefaultProperties(properties);
		assertThatExceptionOfType(Exception.class).isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage(message);
	}

}
