package dev.ftpgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link FileServer} per FTP server, on the sessions its requests borrow, for the web layer. */
@Configuration(proxyBeanMethods = false)
class FileServersConfiguration {

	@Bean
	FileServers fileServers(BackendServers backends, ServerSessions sessions) {
		Map<String, FileServer> servers = new LinkedHashMap<>();
		for (BackendServers.Backend backend : backends.all()) {
			FtpGatewayProperties.Server settings = backend.definition().settings();
			servers.put(backend.name(), new FileServer(sessions.of(backend.name()), settings.getRoot(),
					settings.isFollowLinksOutsideRoot()));
		}
		return new FileServers(servers, backends.defaultName());
	}

}
