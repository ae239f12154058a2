package dev.ftpgateway.diagnose;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.transfers.RunningTransfers;

/**
 * The server reports of every FTP server the gateway serves: a list told from the pools alone,
 * and for one server a fresh check ({@link ServerCheck}). At most one check of a server runs at a
 * time, outside its pool's limits: callers asking while one runs get its report, so asking often
 * never opens more than one extra connection to the server. Each caller's report lists the
 * server's transfers running when it is answered.
 */
public final class ServerReports {

	private final Map<String, ReportedServer> servers = new LinkedHashMap<>();

	/** The most replies one check waits for. */
	private static final int REPLIES_PER_CHECK = 14;

	private final ServerCheck check;

	private final RunningTransfers transfers;

	/** The check of each server running now, which callers asking meanwhile share. */
	private final Map<String, CompletableFuture<ServerReport>> running = new ConcurrentHashMap<>();

	/**
	 * @param servers every server, in the order they are listed
	 * @param transfers the running transfers, whose share of a server each report lists
	 */
	public ServerReports(List<ReportedServer> servers, RunningTransfers transfers) {
		servers.forEach((server) -> this.servers.put(server.name(), server));
		this.check = new ServerCheck(Clock.systemUTC());
		this.transfers = transfers;
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
		ReportedServer server = this.servers.get(name);
		if (server == null) {
			return Optional.empty();
		}
		return Optional.of(checkShared(server).withTransfers(this.transfers.running(name)));
	}

	private ServerReport checkShared(ReportedServer server) {
		String name = server.name();
		CompletableFuture<ServerReport> mine = new CompletableFuture<>();
		CompletableFuture<ServerReport> current = this.running.putIfAbsent(name, mine);
		if (current != null) {
			try {
				return current.get(longestCheck(server).toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				// It failed or hangs past its timeouts: this caller checks on its own.
				return this.check.run(server);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the check of " + name, ex);
			}
		}
		try {
			ServerReport report = this.check.run(server);
			mine.complete(report);
			return report;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.running.remove(name, mine);
		}
	}

	/**
	 * How long one check may take: the connect, about a dozen replies (greeting, AUTH, login,
	 * SYST, FEAT, NOOP, the clock file's STOR, MDTM and DELE, LIST, QUIT) and two data connections.
	 */
	private static Duration longestCheck(ReportedServer server) {
		ConnectionSettings connection = server.pool().connection();
		return connection.connectTimeout()
			.plus(connection.replyTimeout().multipliedBy(REPLIES_PER_CHECK))
			.plus(connection.dataTimeout().multipliedBy(2));
	}

	/** The names of all servers, in the order they are listed. */
	public List<String> names() {
		return List.copyOf(this.servers.keySet());
	}

}
