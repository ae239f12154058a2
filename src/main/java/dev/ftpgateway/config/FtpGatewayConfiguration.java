package dev.ftpgateway.config;

import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.web.FilesSettings;
import dev.ftpgateway.web.archive.ArchiveSettings;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns {@link FtpGatewayProperties} into one session pool per FTP server, pointing the unnamed
 * server at the embedded one when that runs, and the plain settings the web layer takes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FtpGatewayProperties.class)
public class FtpGatewayConfiguration {

	private static final Log logger = LogFactory.getLog(FtpGatewayConfiguration.class);

	/** Sessions open lazily: the gateway starts even when a server is down (health says so). */
	@Bean(destroyMethod = "close")
	BackendServers backendServers(FtpGatewayProperties properties, ObjectProvider<EmbeddedFtpServer> embeddedServer,
			ObjectProvider<ServerEventListeners> events) {
		ServerDefinitions definitions = ServerDefinitions.of(properties);
		// Asking for the embedded server here makes it start before anything can connect.
		EmbeddedFtpServer embedded = embeddedServer.getIfAvailable();
		ServerEventListeners listeners = events.getIfAvailable(() -> ServerEventListeners.NONE);
		// Every server's settings are checked before the first pool opens, so a mistake leaves none open.
		List<ConnectionSettings> connections = new ArrayList<>();
		List<PoolSettings> pools = new ArrayList<>();
		for (ServerDefinition definition : definitions.all()) {
			connections.add((definition.unnamed() && embedded != null)
					? embeddedConnection(definition.settings(), embedded) : connection(definition));
			pools.add(poolSettings(definition.pool()));
		}
		List<BackendServers.Backend> backends = new ArrayList<>();
		for (int i = 0; i < connections.size(); i++) {
			ServerDefinition definition = definitions.all().get(i);
			logger.info("FTP backend '" + definition.name() + "': " + connections.get(i));
			// The unnamed server's pool keeps the JMX name it had before servers had names.
			FtpSessionPool pool = new FtpSessionPool(definition.unnamed() ? null : definition.name(),
					connections.get(i), pools.get(i), listeners.of(definition.name()));
			backends.add(new BackendServers.Backend(definition, connections.get(i), pools.get(i), pool));
		}
		return new BackendServers(backends, definitions.defaultName());
	}

	private static ConnectionSettings connection(ServerDefinition definition) {
		FtpGatewayProperties.Server server = definition.settings();
		return new ConnectionSettings(server.getHost(), server.getPort(), server.getUser(), server.getPassword(),
				server.isPassive(), server.getCharset(), server.getConnectTimeout(), server.getReplyTimeout(),
				server.getDataTimeout(), BackendTls.settings(server.getTls(), definition.property("tls")),
				server.getControlKeepAlive(), useMlsd(server), server.isAllowPrivilegedDataPorts(),
				server.getUseMlsd() != null);
	}

	/** MLSD unless set otherwise; unset, a server known to list faster with LIST gets LIST (KnownQuirks). */
	private static boolean useMlsd(FtpGatewayProperties.Server server) {
		return !Boolean.FALSE.equals(server.getUseMlsd());
	}

	private static ConnectionSettings embeddedConnection(FtpGatewayProperties.Server server,
			EmbeddedFtpServer embedded) {
		return new ConnectionSettings(embedded.host(), embedded.port(), embedded.user(), embedded.password(),
				server.isPassive(), server.getCharset(), server.getConnectTimeout(), server.getReplyTimeout(),
				server.getDataTimeout(), TlsSettings.NONE, server.getControlKeepAlive(), useMlsd(server),
				server.isAllowPrivilegedDataPorts(), server.getUseMlsd() != null);
	}

	static PoolSettings poolSettings(FtpGatewayProperties.SessionPool pool) {
		return new PoolSettings(pool.getMaxTotal(), pool.getMinIdle(), pool.getMaxIdle(), pool.getMaxWait(),
				pool.getEvictionInterval(), pool.getMinIdleTime(), pool.getValidateAfterIdle(), pool.getLimitBackoff(),
				pool.getLoginBackoff(), pool.getLoginBackoffMax());
	}

	/** What the web layer needs to know of the settings, as plain values. */
	@Bean
	FilesSettings filesSettings(FtpGatewayProperties properties) {
		return new FilesSettings((int) properties.getTransfer().getBufferSize().toBytes(),
				properties.getPool().getRetryAfter(), properties.getServer().getCharset(),
				properties.getTransfer().isDigestEveryUpload());
	}

	@Bean
	ArchiveSettings archiveSettings(FtpGatewayProperties properties) {
		FtpGatewayProperties.Archive archive = properties.getArchive();
		return new ArchiveSettings(archive.getMaxEntries(), archive.getMaxBytes().toBytes());
	}

}
