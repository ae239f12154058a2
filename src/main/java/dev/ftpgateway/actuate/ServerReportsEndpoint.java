package dev.ftpgateway.actuate;

import java.util.List;

import dev.ftpgateway.diagnose.ServerReport;
import dev.ftpgateway.diagnose.ServerReports;
import dev.ftpgateway.diagnose.ServerSummary;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The server reports of {@code GET /servers} and {@code GET /servers/NAME} on the management
 * port: {@code /actuator/servers} and {@code /actuator/servers/NAME}, for operators who reach
 * that port as they reach health, without credentials. An unknown name is 404.
 */
@Endpoint(id = "servers")
public class ServerReportsEndpoint {

	private final ServerReports reports;

	public ServerReportsEndpoint(ServerReports reports) {
		this.reports = reports;
	}

	/** The servers list, as {@code GET /servers} answers it. */
	public record ServerList(List<ServerSummary> servers) {
	}

	@ReadOperation
	public ServerList servers() {
		return new ServerList(this.reports.list());
	}

	/** @return the report, or {@code null} (404) when there is no server of that name */
	@ReadOperation
	public ServerReport server(@Selector String name) {
		return this.reports.check(name).orElse(null);
	}

}
