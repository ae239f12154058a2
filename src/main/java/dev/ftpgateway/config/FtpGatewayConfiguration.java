package dev.ftpgateway.config;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.files.AtomicUpload;
import dev.ftpgateway.files.FileReads;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FolderArchives;
import dev.ftpgateway.files.RemoteTree;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.FtpSessions;
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
 * Turns {@link FtpGatewayProperties} into the session pool and the plain settings it takes,
 * pointing at the embedded server when one runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FtpGatewayProperties.class)
public class FtpGatewayConfiguration {

	private static final Log logger = LogFactory.getLog(FtpGatewayConfiguration.class);

	@Bean
	ConnectionSettings ftpConnectionSettings(FtpGatewayProperties properties,
			ObjectProvider<EmbeddedFtpServer> embeddedServer) {
		FtpGatewayProperties.Server server = properties.getServer();
		// Asking for the embedded server here makes it start before anything can connect.
		EmbeddedFtpServer embedded = embeddedServer.getIfAvailable();
		if (embedded != null) {
			return new ConnectionSettings(embedded.host(), embedded.port(), embedded.user(), embedded.password(),
					server.isPassive(), server.getCharset(), server.getConnectTimeout(), server.getReplyTimeout(),
					server.getDataTimeout(), TlsSettings.NONE, server.getControlKeepAlive(), server.isUseMlsd(),
					server.isAllowPrivilegedDataPorts());
		}
		return new ConnectionSettings(server.getHost(), server.getPort(), server.getUser(), server.getPassword(),
				server.isPassive(), server.getCharset(), server.getConnectTimeout(), server.getReplyTimeout(),
				server.getDataTimeout(), BackendTls.settings(server.getTls()), server.getControlKeepAlive(),
				server.isUseMlsd(), server.isAllowPrivilegedDataPorts());
	}

	@Bean
	PoolSettings ftpPoolSettings(FtpGatewayProperties properties) {
		FtpGatewayProperties.Pool pool = properties.getPool();
		return new PoolSettings(pool.getMaxTotal(), pool.getMinIdle(), pool.getMaxIdle(), pool.getMaxWait(),
				pool.getEvictionInterval(), pool.getMinIdleTime(), pool.getValidateAfterIdle(), pool.getLimitBackoff(),
				pool.getLoginBackoff(), pool.getLoginBackoffMax());
	}

	/** What the web layer needs to know of the settings, as plain values. */
	@Bean
	FilesSettings filesSettings(FtpGatewayProperties properties) {
		return new FilesSettings((int) properties.getTransfer().getBufferSize().toBytes(),
				properties.getPool().getRetryAfter());
	}

	/** The FTP server's tree below the root, on sessions the caller's security context chooses. */
	@Bean
	FileServer fileServer(FtpSessions sessions, FtpGatewayProperties properties) {
		return new FileServer(sessions, properties.getServer().getRoot(),
				properties.getServer().isFollowLinksOutsideRoot());
	}

	@Bean
	FileReads fileReads(FileServer server) {
		return server.reads();
	}

	@Bean
	AtomicUpload atomicUpload(FileServer server) {
		return server.uploads();
	}

	@Bean
	RemoteTree remoteTree(FileServer server) {
		return server.tree();
	}

	@Bean
	FolderArchives folderArchives(FileServer server) {
		return server.archives();
	}

	@Bean
	ArchiveSettings archiveSettings(FtpGatewayProperties properties) {
		FtpGatewayProperties.Archive archive = properties.getArchive();
		return new ArchiveSettings(archive.getMaxEntries(), archive.getMaxBytes().toBytes());
	}

	/** Sessions open lazily: the gateway starts even when the FTP server is down (readiness says so). */
	@Bean(destroyMethod = "close")
	FtpSessionPool ftpSessionPool(ConnectionSettings connection, PoolSettings pool,
			ObjectProvider<FtpEventListener> events) {
		logger.info("FTP backend: " + connection);
		return new FtpSessionPool(connection, pool, events.getIfAvailable(() -> FtpEventListener.NONE));
	}

}
