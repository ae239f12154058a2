package dev.ftpgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.UserSessionPool;

/**
 * Each FTP server's sessions as requests borrow them: a {@code CallerSessions} per server, with
 * its own caller shares over the server's pool, and the pass-through callers' own sessions on
 * the servers that take pass-through logins. Closes the pass-through pools when the application
 * stops (the shared pools belong to {@link BackendServers}).
 */
public final class ServerSessions implements AutoCloseable {

	private final Map<String, FtpSessions> sessions;

	private final Map<String, UserSessionPool> users;

	ServerSessions(Map<String, FtpSessions> sessions, Map<String, UserSessionPool> users) {
		this.sessions = new LinkedHashMap<>(sessions);
		this.users = new LinkedHashMap<>(users);
	}

	/** Where requests for server {@code name} borrow their sessions. */
	FtpSessions of(String name) {
		FtpSessions server = this.sessions.get(name);
		if (server == null) {
			throw new NoSuchElementException("No FTP server named '" + name + "'");
		}
		return server;
	}

	/** The pass-through callers' sessions, by server; only servers that take pass-through logins. */
	public Map<String, UserSessionPool> users() {
		return Map.copyOf(this.users);
	}

	@Override
	public void close() {
		this.users.values().forEach(UserSessionPool::close);
	}

}
