package dev.ftpgateway.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;
import dev.ftpgateway.files.SmallFileCache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link FileServer} per FTP server, on the sessions its requests borrow, for the web layer. */
@Configuration(proxyBeanMethods = false)
class FileServersConfiguration {

	@Bean
	FileServers fileServers(BackendServers backends, ServerSessions sessions, FtpGatewayProperties properties) {
		Map<String, FileServer> servers = new LinkedHashMap<>();
		for (BackendServers.Backend backend : backends.all()) {
			FtpGatewayProperties.Server settings = backend.definition().settings();
			servers.put(backend.name(), new FileServer(sessions.of(backend.name()), settings.getRoot(),
					settings.isFollowLinksOutsideRoot(), smallFileCache(properties.getCache())));
		}
		return new FileServers(servers, backends.defaultName());
	}

	/** Each server keeps its own: a path names a different file on each. */
	private static SmallFileCache smallFileCache(FtpGatewayProperties.Cache cache) {
		return new SmallFileCache((int) Math.min(Integer.MAX_VALUE, cache.getMaxFileSize().toBytes()),
				cache.getMaxSize().toBytes(), cache.getMaxStale(), Clock.systemUTC());
	}

}
