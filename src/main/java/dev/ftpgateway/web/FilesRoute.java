package dev.ftpgateway.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request below the files tree points, read from its raw URI: {@code /files/a/b} is the
 * default server's {@code /a/b}, {@code /servers/partner-a/files/a/b} server partner-a's.
 *
 * @param server the server's name, or empty for the default server
 * @param prefix what comes before the remote path: {@code /files} or {@code /servers/NAME/files}
 * @param rawPath the remote path as the URI has it, still percent-encoded: empty or from a slash
 */
public record FilesRoute(Optional<String> server, String prefix, String rawPath) {

	/** The default server's tree. */
	public static final String FILES = "/files";

	/** Where the named servers are: {@code /servers/NAME/...}. */
	public static final String SERVERS = "/servers/";

	/** The route of {@code request}, if its path is below {@code /files} or {@code /servers/NAME/files}. */
	public static Optional<FilesRoute> of(HttpServletRequest request) {
		String path = path(request);
		if (isBelow(path, FILES)) {
			return Optional.of(new FilesRoute(Optional.empty(), FILES, path.substring(FILES.length())));
		}
		return namedServer(path).flatMap((name) -> {
			String prefix = SERVERS + name + FILES;
			return isBelow(path, prefix)
					? Optional.of(new FilesRoute(Optional.of(name), prefix, path.substring(prefix.length())))
					: Optional.empty();
		});
	}

	/**
	 * The server named by a path below {@code /servers/NAME/}, whatever follows, as the URI spells
	 * it: a percent-encoded name is no server's name.
	 */
	public static Optional<String> namedServer(HttpServletRequest request) {
		return namedServer(path(request));
	}

	private static Optional<String> namedServer(String path) {
		if (!path.startsWith(SERVERS)) {
			return Optional.empty();
		}
		int end = path.indexOf('/', SERVERS.length());
		String name = path.substring(SERVERS.length(), (end < 0) ? path.length() : end);
		return name.isEmpty() ? Optional.empty() : Optional.of(name);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	private static boolean isBelow(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
