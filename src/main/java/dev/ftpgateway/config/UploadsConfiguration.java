package dev.ftpgateway.config;

import java.util.Optional;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.PartialUploads;
import dev.ftpgateway.files.SmallFileCache;
import dev.ftpgateway.web.tus.TusSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Resumable uploads (tus) from {@code ftp-gateway.uploads.*}, and the sweep of expired ones. Uploads
 * go to the default server, as their URLs name no server.
 */
@Configuration(proxyBeanMethods = false)
class UploadsConfiguration {

	@Bean
	TusSettings tusSettings(FtpGatewayProperties properties) {
		return new TusSettings(properties.getTransfer().getMaxUploadSize().toBytes(),
				properties.getUploads().getExpiry());
	}

	/**
	 * Sweeps on the gateway's own sessions, which see the tree as the gateway's login does: with
	 * pass-through logins, uploads in folders only a caller's own login reaches are removed when
	 * next touched instead.
	 */
	@Bean(destroyMethod = "close")
	UploadSweep uploadSweep(BackendServers backends, FtpGatewayProperties properties) {
		Optional<BackendServers.Backend> defaultServer = backends.defaultName().map(backends::get);
		if (defaultServer.isEmpty()) {
			return UploadSweep.none();
		}
		FtpGatewayProperties.Server server = defaultServer.get().definition().settings();
		FtpGatewayProperties.Uploads uploads = properties.getUploads();
		// Sweeping removes partial files only, never a file the cache may hold.
		PartialUploads swept = new FileServer(defaultServer.get().pool(), server.getRoot(),
				server.isFollowLinksOutsideRoot(), SmallFileCache.disabled())
			.partialUploads(uploads.getExpiry());
		return UploadSweep.start(swept, uploads.getSweepInterval());
	}

}
