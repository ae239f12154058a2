package dev.ftpgateway.config;

import java.util.List;

import dev.ftpgateway.diagnose.ReportedServer;
import dev.ftpgateway.diagnose.ServerReports;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** The server reports over every server's pool; who may read them is SecurityConfiguration's rule. */
@Configuration(proxyBeanMethods = false)
class ServerReportsConfiguration {

	@Bean
	ServerReports serverReports(BackendServers backends) {
		List<ReportedServer> servers = backends.all().stream().map((backend) -> {
			String folder = backend.definition().settings().getReportFolder();
			return new ReportedServer(backend.name(), backend.prefix(),
					backends.defaultName().filter(backend.name()::equals).isPresent(), backend.pool(),
					StringUtils.hasText(folder) ? folder : null);
		}).toList();
		return new ServerReports(servers);
	}

}
