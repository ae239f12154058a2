package dev.ftpgateway.diagnose;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server reports of every FTP server the gateway serves: a list told from the pools alone,
 * and for one server a fresh check ({@link ServerCheck}).
 */
public final class ServerReports {

	private final Map<String, ReportedServer> servers = new LinkedHashMap<>();

	private final ServerCheck check;

	/** @param servers every server, in the order they are listed */
	public ServerReports(List<ReportedServer> servers) {
		this(servers, Clock.systemUTC());
	}

	ServerReports(List<ReportedServer> servers, Clock clock) {
		servers.forEach((server) -> this.servers.put(server.name(), server));
		this.check = new ServerCheck(clock);
	}

	/** Every server's name, host, TLS mode and status, without contacting any. */
	public List<ServerSummary> list() {
		return this.servers.values().stream().map(ServerSummary::of).toList();
	}

	/**
	 * Checks the server named {@code name} on a new session, taking at most about the server's
	 * timeouts.
	 * @return its report, which says what failed when the server is down; empty when there is
	 *         no server of that name
	 */
	public Optional<ServerReport> check(String name) {
		return Optional.ofNullable(this.servers.get(name)).map(this.check::run);
	}

	/** The names of all servers, in the order they are listed. */
	public List<String> names() {
		return List.copyOf(this.servers.keySet());
	}

}
