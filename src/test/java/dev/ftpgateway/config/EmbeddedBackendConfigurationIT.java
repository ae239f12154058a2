package dev.ftpgateway.config;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.pool.ConnectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The out-of-the-box mode: no backend host, so a local folder is served on loopback. */
class EmbeddedBackendConfigurationIT {

	@TempDir
	Path temp;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(FtpGatewayConfiguration.class, EmbeddedBackendConfiguration.class);

	@Test
	void withoutHostTheGatewayPointsAtAnEmbeddedServerOverANewDemoFolder() {
		Path folder = this.temp.resolve("data");
		this.runner.withPropertyValues("ftp-gateway.embedded.folder=" + folder).run((context) -> {
			EmbeddedFtpServer server = context.getBean(EmbeddedFtpServer.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(Files.readString(folder.resolve("README.txt"))).contains("curl http://localhost:8080/files/");
			ConnectionSettings settings = context.getBean(BackendServers.class)
				.get(ServerDefinitions.UNNAMED)
				.connection();
			assertThat(settings.host()).isEqualTo("127.0.0.1");
			assertThat(settings.port()).isEqualTo(server.port()).isPositive();
			assertThat(settings.user()).isEqualTo("gateway");
			assertThat(settings.password()).isEqualTo(server.password()).isNotBlank();
		});
	}

	@Test
	void existingFolderIsServedUntouched() throws Exception {
		Path folder = Files.createDirectories(this.temp.resolve("mine"));
		Files.writeString(folder.resolve("keep.txt"), "keep");
		this.runner.withPropertyValues("ftp-gateway.embedded.folder=" + folder)
			.run((context) -> assertThat(folder.resolve("README.txt")).doesNotExist());
		assertThat(folder.resolve("keep.txt")).hasContent("keep");
	}

	@Test
	void blankHostCountsAsUnset() {
		this.runner
			.withPropertyValues("ftp-gateway.server.host= ", "ftp-gateway.embedded.folder=" + this.temp.resolve("d"))
			.run((context) -> assertThat(context).hasSingleBean(EmbeddedFtpServer.class));
	}

	@Test
	void embeddedServerStopsWithTheContext() {
		EmbeddedFtpServer[] server = new EmbeddedFtpServer[1];
		this.runner.withPropertyValues("ftp-gateway.embedded.folder=" + this.temp.resolve("d"))
			.run((context) -> server[0] = context.getBean(EmbeddedFtpServer.class));
		assertThat(server[0].isRunning()).isFalse();
	}

}
