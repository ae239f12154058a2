package dev.ftpgateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

/**
 * The FTP servers the gateway serves, read from the settings and checked once at start-up with a
 * message that names the setting to fix: ftp-gateway.server (named
 * {@value #UNNAMED}) when its host is set, or when nothing is set at all (the embedded demo), and
 * every ftp-gateway.servers entry. {@code /files} serves the unnamed server when there is one,
 * otherwise the one ftp-gateway.default-server names, otherwise none.
 */
final class ServerDefinitions {

	/** The name ftp-gateway.server goes by in routes, health and logs. */
	static final String UNNAMED = "default";

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private final List<ServerDefinition> servers;

	private final Optional<String> defaultName;

	private ServerDefinitions(List<ServerDefinition> servers, Optional<String> defaultName) {
		this.servers = List.copyOf(servers);
		this.defaultName = defaultName;
	}

	/**
	 * @throws IllegalStateException when the settings contradict each other or a name is not
	 *         allowed, saying which setting to change
	 */
	static ServerDefinitions of(FtpGatewayProperties properties) {
		Map<String, FtpGatewayProperties.NamedServer> named = properties.getServers();
		boolean unnamed = StringUtils.hasText(properties.getServer().getHost());
		// Blank counts as unset, as for the host: a Helm value or an environment variable left empty.
		String defaultServer = properties.getDefaultServer();
		if (!StringUtils.hasText(defaultServer)) {
			defaultServer = null;
		}
		List<ServerDefinition> servers = new ArrayList<>();
		if (unnamed || named.isEmpty()) {
			servers.add(new ServerDefinition(UNNAMED, "ftp-gateway.server", properties.getServer(),
					properties.getPool(), true));
		}
		named.forEach((name, server) -> servers.add(new ServerDefinition(name,
				NoFtpBackendCondition.SERVERS_PROPERTY + "." + name, server, server.getPool(), false)));
		for (ServerDefinition server : servers) {
			check(server);
		}
		if (unnamed && named.containsKey(UNNAMED)) {
			throw new IllegalStateException("ftp-gateway.servers." + UNNAMED + " and ftp-gateway.server.host are both "
					+ "set: the unnamed server is called '" + UNNAMED + "', so rename the named one");
		}
		if (defaultServer == null) {
			boolean onlyUnnamed = unnamed || named.isEmpty();
			return new ServerDefinitions(servers, onlyUnnamed ? Optional.of(UNNAMED) : Optional.empty());
		}
		if (unnamed) {
			throw new IllegalStateException("ftp-gateway.default-server and ftp-gateway.server.host are both set: "
					+ "/files serves ftp-gateway.server, so remove ftp-gateway.default-server, or move "
					+ "ftp-gateway.server to ftp-gateway.servers.NAME");
		}
		if (!named.containsKey(defaultServer)) {
			throw new IllegalStateException("ftp-gateway.default-server=" + defaultServer + " names no server in "
					+ "ftp-gateway.servers " + named.keySet());
		}
		return new ServerDefinitions(servers, Optional.of(defaultServer));
	}

	private static void check(ServerDefinition server) {
		if (!server.unnamed()) {
			if (!NAME.matcher(server.name()).matches()) {
				throw new IllegalStateException(server.prefix() + ": a server's name is lower-case letters, digits and "
						+ "dashes, e.g. partner-a; '" + server.name() + "' is not");
			}
			if (!StringUtils.hasText(server.settings().getHost())) {
				throw new IllegalStateException(server.property("host") + " is not set: every named server needs one");
			}
		}
		String root = server.settings().getRoot();
		if (root == null || !root.startsWith("/")) {
			throw new IllegalStateException(server.property("root") + "=" + root + " is not an absolute path: "
					+ "it must start with /");
		}
	}

	/** Every server, the unnamed one first, then the named ones in the order they are listed. */
	List<ServerDefinition> all() {
		return this.servers;
	}

	/** The server /files serves, if any. */
	Optional<String> defaultName() {
		return this.defaultName;
	}

}
