package dev.ftpgateway.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;

/**
 * The session pool of each FTP server the gateway serves, by name, and the name of the server
 * {@code /files} serves. Each pool has its own limits, back-offs and evictor thread, so a server
 * that is down or slow costs the others nothing. Closes the pools when the application stops.
 */
public final class BackendServers implements AutoCloseable {

	private final Map<String, Backend> servers = new LinkedHashMap<>();

	private final Optional<String> defaultName;

	BackendServers(Collection<Backend> servers, Optional<String> defaultName) {
		servers.forEach((server) -> this.servers.put(server.name(), server));
		this.defaultName = defaultName;
	}

	/** Every server, in the order of {@link ServerDefinitions#all()}. */
	public Collection<Backend> all() {
		return this.servers.values();
	}

	/**
	 * The server named {@code name}.
	 * @throws NoSuchElementException when there is none
	 */
	public Backend get(String name) {
		Backend server = this.servers.get(name);
		if (server == null) {
			throw new NoSuchElementException("No FTP server named '" + name + "'; there are " + this.servers.keySet());
		}
		return server;
	}

	/** The name of the server {@code /files} serves, if any. */
	public Optional<String> defaultName() {
		return this.defaultName;
	}

	/** Closes every pool, even when closing one fails. */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (Backend server : this.servers.values()) {
			try {
				server.pool().close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * One FTP server and its pool of the gateway's own sessions.
	 *
	 * @param definition the server as configured
	 * @param connection where and how its sessions connect
	 * @param settings its pool's sizes and timings
	 * @param pool its sessions
	 */
	public record Backend(ServerDefinition definition, ConnectionSettings connection, PoolSettings settings,
			FtpSessionPool pool) {

		/** The server's name. */
		public String name() {
			return this.definition.name();
		}

		/** Where its settings are, for messages: {@code ftp-gateway.servers.partner-a}. */
		public String prefix() {
			return this.definition.prefix();
		}

	}

}
