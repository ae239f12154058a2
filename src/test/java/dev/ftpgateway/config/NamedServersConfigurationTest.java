package dev.ftpgateway.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.pool.TlsSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;

import static org.assertj.core.api.Assertions.assertThat;

/** ftp-gateway.servers: names, settings and pools of each server, which one /files serves, and the refusals. */
class NamedServersConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(FtpGatewayConfiguration.class, EmbeddedBackendConfiguration.class);

	@Test
	void eachNamedServerGetsItsOwnSettingsAndPoolAndNoneIsTheDefault() {
		this.runner
			.withPropertyValues("ftp-gateway.servers.partner-a.host=a.example.org",
					"ftp-gateway.servers.partner-a.pool.max-total=3", "ftp-gateway.servers.partner-a.root=/out",
					"ftp-gateway.servers.legacy.host=b.example.org", "ftp-gateway.servers.legacy.port=2121",
					"ftp-gateway.servers.legacy.charset=ISO-8859-1", "ftp-gateway.servers.legacy.tls.mode=explicit")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EmbeddedFtpServer.class);
				BackendServers servers = context.getBean(BackendServers.class);
				assertThat(servers.all()).extracting(BackendServers.Backend::name).containsExactly("partner-a", "legacy");
				assertThat(servers.defaultName()).isEmpty();
				BackendServers.Backend a = servers.get("partner-a");
				BackendServers.Backend legacy = servers.get("legacy");
				assertThat(a.connection().host()).isEqualTo("a.example.org");
				assertThat(a.settings().maxTotal()).isEqualTo(3);
				assertThat(a.definition().settings().getRoot()).isEqualTo("/out");
				assertThat(legacy.connection().port()).isEqualTo(2121);
				assertThat(legacy.connection().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
				assertThat(legacy.connection().tls().mode()).isEqualTo(TlsSettings.Mode.EXPLICIT);
				assertThat(legacy.settings().maxTotal()).isEqualTo(8);
				assertThat(a.pool()).isNotSameAs(legacy.pool());
			});
	}

	@Test
	void defaultServerNamesWhatFilesServes() {
		this.runner
			.withPropertyValues("ftp-gateway.servers.partner-a.host=a.example.org",
					"ftp-gateway.servers.legacy.host=b.example.org", "ftp-gateway.default-server=legacy")
			.run((context) -> assertThat(context.getBean(BackendServers.class).defaultName()).hasValue("legacy"));
	}

	@Test
	void theUnnamedServerIsTheDefaultBesideNamedOnes() {
		this.runner
			.withPropertyValues("ftp-gateway.server.host=main.example.org",
					"ftp-gateway.servers.partner-a.host=a.example.org")
			.run((context) -> {
				BackendServers servers = context.getBean(BackendServers.class);
				assertThat(servers.all()).extracting(BackendServers.Backend::name).containsExactly("default", "partner-a");
				assertThat(servers.defaultName()).hasValue("default");
				assertThat(servers.get("default").connection().host()).isEqualTo("main.example.org");
			});
	}

	@Test
	void environmentVariablesNameTheServerAndTheSetting() {
		this.runner
			.withInitializer((context) -> {
				TestPropertyValues
					.of("FTP_GATEWAY_SERVERS_PARTNER_A_HOST=a.example.org", "FTP_GATEWAY_SERVERS_PARTNER_A_PORT=2121",
							"FTP_GATEWAY_SERVERS_PARTNER_A_POOL_MAX_TOTAL=3",
							"FTP_GATEWAY_SERVERS_PARTNER_A_TLS_MODE=explicit",
							"FTP_GATEWAY_SERVERS_PARTNER_A_TLS_PROTOCOLS=TLSv1.2",
							"FTP_GATEWAY_SERVERS_PARTNER_A_CONNECT_TIMEOUT=3s",
							"FTP_GATEWAY_SERVERS_PARTNER_A_TLS_CLIENT_KEY_STORE_PASSWORD=not-the-password",
							"FTP_GATEWAY_SERVERS_PARTNER_A_PASSWORD=s3cret", "FTP_GATEWAY_SERVERS_B2_HOST=b.example.org",
							"FTP_GATEWAY_DEFAULT_SERVER=b2")
					.applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT,
							"test-systemEnvironment");
				new ServerEnvironmentVariables(new DeferredLogs()).postProcessEnvironment(context.getEnvironment(),
						null);
			})
			.run((context) -> {
				BackendServers servers = context.getBean(BackendServers.class);
				assertThat(servers.all()).extracting(BackendServers.Backend::name)
					.containsExactlyInAnyOrder("partner-a", "b2");
				assertThat(servers.defaultName()).hasValue("b2");
				BackendServers.Backend a = servers.get("partner-a");
				assertThat(a.connection().host()).isEqualTo("a.example.org");
				assertThat(a.connection().port()).isEqualTo(2121);
				assertThat(a.connection().password()).isEqualTo("s3cret");
				assertThat(a.connection().connectTimeout()).hasSeconds(3);
				assertThat(a.connection().tls().mode()).isEqualTo(TlsSettings.Mode.EXPLICIT);
				assertThat(a.connection().tls().protocols()).containsExactly("TLSv1.2");
				assertThat(a.settings().maxTotal()).isEqualTo(3);
				assertThat(a.definition().settings().getTls().getClientKeyStorePassword()).isEqualTo("not-the-password");
			});
	}

	@Test
	void environmentVariablesSplitAtTheLongestSettingName() {
		assertThat(ServerEnvironmentVariables.property("X_TLS_MODE")).isEqualTo("ftp-gateway.servers.x.tls.mode");
		assertThat(ServerEnvironmentVariables.property("PORT_PORT")).isEqualTo("ftp-gateway.servers.port.port");
		assertThat(ServerEnvironmentVariables.property("A_B_C_POOL_LOGIN_BACKOFF_MAX"))
			.isEqualTo("ftp-gateway.servers.a-b-c.pool.login-backoff-max");
		assertThat(ServerEnvironmentVariables.property("HOST")).isNull();
		assertThat(ServerEnvironmentVariables.property("A_NO_SUCH_SETTING")).isNull();
	}

	@Test
	void refusesWhatItCannotServeWithAMessageNamingTheSetting() {
		refused(List.of("ftp-gateway.servers[Partner_A].host=a.example.org"),
				"ftp-gateway.servers.Partner_A: a server's name is lower-case letters, digits and dashes");
		refused(List.of("ftp-gateway.servers.partner-a.port=2121"),
				"ftp-gateway.servers.partner-a.host is not set");
		refused(List.of("ftp-gateway.servers.partner-a.host=a.example.org", "ftp-gateway.servers.partner-a.root=out"),
				"ftp-gateway.servers.partner-a.root=out is not an absolute path");
		refused(List.of("ftp-gateway.servers.partner-a.host=a.example.org", "ftp-gateway.default-server=partner-b"),
				"ftp-gateway.default-server=partner-b names no server in ftp-gateway.servers [partner-a]");
		refused(List.of("ftp-gateway.server.host=main.example.org", "ftp-gateway.servers.partner-a.host=a",
				"ftp-gateway.default-server=partner-a"), "ftp-gateway.default-server and ftp-gateway.server.host");
		refused(List.of("ftp-gateway.server.host=main.example.org", "ftp-gateway.servers.default.host=a"),
				"ftp-gateway.servers.default and ftp-gateway.server.host are both set");
		refused(List.of("ftp-gateway.servers.partner-a.host=a.example.org",
				"ftp-gateway.servers.partner-a.pool.max-wait=0s"), "maxWait must be positive");
	}

	private void refused(List<String> properties, String message) {
		this.runner.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
	}

}
