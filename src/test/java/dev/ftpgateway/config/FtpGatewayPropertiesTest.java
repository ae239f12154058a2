package dev.ftpgateway.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.pool.PoolSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding of {@link FtpGatewayProperties} and the settings built from it, with a backend host set. */
class FtpGatewayPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(FtpGatewayConfiguration.class, EmbeddedBackendConfiguration.class);

	@Test
	void defaultsGiveABoundedTestedPool() {
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org").run((context) -> {
			assertThat(defaultServer(context).settings()).isEqualTo(new PoolSettings(8, 0, 8, Duration.ofSeconds(5),
					Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10)));
			FtpGatewayProperties properties = context.getBean(FtpGatewayProperties.class);
			assertThat(properties.getTransfer().getBufferSize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.getServer().getRoot()).isEqualTo("/");
			assertThat(defaultServer(context).connection().useMlsd()).isTrue();
			assertThat(defaultServer(context).connection().useMlsdExplicit()).isFalse();
		});
	}

	@Test
	void useMlsdSetExplicitlyIsKeptWhateverTheServer() {
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org", "ftp-gateway.server.use-mlsd=true")
			.run((context) -> assertThat(defaultServer(context).connection().useMlsdExplicit()).isTrue());
		// As the Helm chart renders it when its value is null.
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org", "ftp-gateway.server.use-mlsd=")
			.run((context) -> assertThat(defaultServer(context).connection().useMlsdExplicit()).isFalse());
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org", "ftp-gateway.server.use-mlsd=false")
			.run((context) -> {
				assertThat(defaultServer(context).connection().useMlsd()).isFalse();
				assertThat(defaultServer(context).connection().useMlsdExplicit()).isTrue();
			});
	}

	@Test
	void configuredHostIsUsedAndNoEmbeddedServerStarts() {
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org", "ftp-gateway.server.port=2121",
				"ftp-gateway.server.user=alice", "ftp-gateway.server.password=s3cret",
				"ftp-gateway.server.passive=false", "ftp-gateway.server.charset=ISO-8859-1",
				"ftp-gateway.server.connect-timeout=3s", "ftp-gateway.server.reply-timeout=4s",
				"ftp-gateway.server.data-timeout=5m", "ftp-gateway.server.control-keep-alive=45s",
				"ftp-gateway.server.use-mlsd=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EmbeddedFtpServer.class);
				assertThat(defaultServer(context).connection()).isEqualTo(new ConnectionSettings(
						"ftp.example.org", 2121, "alice", "s3cret", false, StandardCharsets.ISO_8859_1,
						Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMinutes(5), TlsSettings.NONE,
						Duration.ofSeconds(45), false));
			});
	}

	@Test
	void environmentVariablesBindThroughRelaxedNames() {
		this.runner
			// Boot treats a source named "...-systemEnvironment" like the real environment: relaxed env names apply.
			.withInitializer((context) -> TestPropertyValues
				.of("FTP_GATEWAY_SERVER_HOST=ftp.example.org", "FTP_GATEWAY_SERVER_ROOT=/pub",
						"FTP_GATEWAY_POOL_MAX_TOTAL=16", "FTP_GATEWAY_POOL_MAX_IDLE=16", "FTP_GATEWAY_POOL_MAX_WAIT=2s",
						"FTP_GATEWAY_POOL_MIN_IDLE_TIME=5m", "FTP_GATEWAY_TRANSFER_BUFFER_SIZE=1MB")
				.applyTo(context.getEnvironment(), TestPropertyValues.Type.SYSTEM_ENVIRONMENT, "test-systemEnvironment"))
			.run((context) -> {
				assertThat(defaultServer(context).connection().host()).isEqualTo("ftp.example.org");
				PoolSettings pool = defaultServer(context).settings();
				assertThat(pool.maxTotal()).isEqualTo(16);
				assertThat(pool.maxWait()).isEqualTo(Duration.ofSeconds(2));
				assertThat(pool.minEvictableIdle()).isEqualTo(Duration.ofMinutes(5));
				FtpGatewayProperties properties = context.getBean(FtpGatewayProperties.class);
				assertThat(properties.getServer().getRoot()).isEqualTo("/pub");
				assertThat(properties.getTransfer().getBufferSize()).isEqualTo(DataSize.ofMegabytes(1));
			});
	}

	@Test
	void poolWithoutMaxWaitFailsAtStartupRatherThanWaitingForever() {
		this.runner.withPropertyValues("ftp-gateway.server.host=ftp.example.org", "ftp-gateway.pool.max-wait=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("maxWait must be positive"));
	}

	private static BackendServers.Backend defaultServer(ApplicationContext context) {
		return context.getBean(BackendServers.class).get(ServerDefinitions.UNNAMED);
	}

}
