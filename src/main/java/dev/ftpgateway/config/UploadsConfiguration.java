package dev.ftpgateway.config;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.PartialUploads;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.web.tus.TusSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Resumable uploads (tus) from {@code ftp-gateway.uploads.*}, and the sweep of expired ones. */
@Configuration(proxyBeanMethods = false)
class UploadsConfiguration {

	/** The uploads callers make, on the sessions their security context chooses. */
	@Bean
	PartialUploads partialUploads(FileServer server, FtpGatewayProperties properties) {
		return server.partialUploads(properties.getUploads().getExpiry());
	}

	@Bean
	TusSettings tusSettings(FtpGatewayProperties properties) {
		return new TusSettings(properties.getTransfer().getMaxUploadSize().toBytes());
	}

	/**
	 * Sweeps on the gateway's own sessions, which see the tree as the gateway's login does: with
	 * pass-through logins, uploads in folders only a caller's own login reaches are removed when
	 * next touched instead.
	 */
	@Bean(destroyMethod = "close")
	UploadSweep uploadSweep(FtpSessionPool pool, FtpGatewayProperties properties) {
		FtpGatewayProperties.Server server = properties.getServer();
		FtpGatewayProperties.Uploads uploads = properties.getUploads();
		PartialUploads swept = new FileServer(pool, server.getRoot(), server.isFollowLinksOutsideRoot())
			.partialUploads(uploads.getExpiry());
		return UploadSweep.start(swept, uploads.getSweepInterval());
	}

}
