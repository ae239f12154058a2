package dev.ftpgateway.config;

import java.util.List;

import dev.ftpgateway.actuate.ServerReportsEndpoint;
import dev.ftpgateway.diagnose.ReportedServer;
import dev.ftpgateway.diagnose.ServerReports;
import dev.ftpgateway.transfers.RunningTransfers;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The server reports over every server's pool, at {@code /servers} (admin scope; see
 * SecurityConfiguration) and, when management.server.port is a port of its own, at
 * {@code /actuator/servers} there, open as everything on that port is.
 */
@Configuration(proxyBeanMethods = false)
class ServerReportsConfiguration {

	@Bean
	ServerReports serverReports(BackendServers backends, RunningTransfers transfers) {
		List<ReportedServer> servers = backends.all().stream().map((backend) -> {
			String folder = backend.definition().settings().getReportFolder();
			return new ReportedServer(backend.name(), backend.prefix(),
					backends.defaultName().filter(backend.name()::equals).isPresent(), backend.pool(),
					StringUtils.hasText(folder) ? folder : null);
		}).toList();
		return new ServerReports(servers, transfers);
	}

	@Bean
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	ServerReportsEndpoint serverReportsEndpoint(ServerReports reports) {
		return new ServerReportsEndpoint(reports);
	}

}
