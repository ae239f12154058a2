package dev.ftpgateway.config;

import java.io.IOException;
import java.util.UUID;

import dev.ftpgateway.embedded.DemoFolder;
import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.embedded.EmbeddedFtpServerNotice;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded FTP server on 127.0.0.1 over a local folder when no backend host is
 * configured, so the gateway works out of the box.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoFtpBackendCondition.class)
class EmbeddedBackendConfiguration {

	/** Started here, not lazily: the connection settings bean reads its actual port. */
	@Bean(destroyMethod = "close")
	EmbeddedFtpServer embeddedFtpServer(FtpGatewayProperties properties) throws IOException {
		FtpGatewayProperties.Embedded embedded = properties.getEmbedded();
		String password = (embedded.getPassword() != null) ? embedded.getPassword() : UUID.randomUUID().toString();
		return new EmbeddedFtpServer(DemoFolder.prepare(embedded.getFolder()), embedded.getUser(), password)
			.listenOn("127.0.0.1", embedded.getPort())
			.start();
	}

	@Bean
	EmbeddedFtpServerNotice embeddedFtpServerNotice(EmbeddedFtpServer server, FtpGatewayProperties properties) {
		return new EmbeddedFtpServerNotice(server, properties.getEmbedded().getFolder());
	}

}
