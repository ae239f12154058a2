package dev.ftpgateway.files;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FTP servers the gateway serves, each by its name, and the one that answers when a request
 * names none (the default server), if any. Each server has its own sessions, root and learned
 * quirks; nothing is shared between them.
 */
public final class FileServers {

	private final Map<String, FileServer> servers;

	private final Optional<String> defaultName;

	/**
	 * @param servers each server by name, in the order they are listed
	 * @param defaultName the server a request without a name goes to, or empty for none
	 * @throws IllegalArgumentException when the default names no server
	 */
	public FileServers(Map<String, FileServer> servers, Optional<String> defaultName) {
		if (defaultName.isPresent() && !servers.containsKey(defaultName.get())) {
			throw new IllegalArgumentException("No server named '" + defaultName.get() + "' to be the default");
		}
		this.servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
		this.defaultName = defaultName;
	}

	/** The server named {@code name}, if there is one. */
	public Optional<FileServer> find(String name) {
		return Optional.ofNullable(this.servers.get(name));
	}

	/** The name of the server requests without a name go to, if there is one. */
	public Optional<String> defaultName() {
		return this.defaultName;
	}

	/** The server requests without a name go to, if there is one. */
	public Optional<FileServer> defaultServer() {
		return this.defaultName.flatMap(this::find);
	}

	/** The names of all servers, in the order they are listed. */
	public List<String> names() {
		return List.copyOf(this.servers.keySet());
	}

}
