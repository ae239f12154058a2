package dev.ftpgateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * Finds the FTP server a request below the files tree is for ({@link FilesRoute}): the one its
 * path names, or the default server for {@code /files}. The services ask it on every request,
 * so each handler of {@code /files} serves {@code /servers/NAME/files} as well.
 */
@Component
public class FileServerResolver {

	private final FileServers servers;

	public FileServerResolver(FileServers servers) {
		this.servers = servers;
	}

	/**
	 * The server {@code request} is for.
	 * @throws ErrorResponseException 404, naming the servers there are (also in its
	 *         {@code servers} property), when there is no such server, or when the request names
	 *         none and no server is the default
	 */
	public FileServer of(HttpServletRequest request) {
		FilesRoute route = FilesRoute.of(request)
			.orElseThrow(() -> new IllegalStateException("Not a files route: " + request.getRequestURI()));
		String name = route.server().or(this.servers::defaultName).orElseThrow(() -> notFound(
				"No default FTP server: use /servers/{name}/files/ with one of " + this.servers.names()));
		FileServer server = this.servers.find(name)
			.orElseThrow(() -> notFound("No FTP server named '" + name + "': there are " + this.servers.names()));
		request.setAttribute(AccessLogFilter.SERVER, name);
		return server;
	}

	/** The name of the server {@code request} went to, once {@link #of} found it. */
	static String nameOf(HttpServletRequest request) {
		return (String) request.getAttribute(AccessLogFilter.SERVER);
	}

	private ErrorResponseException notFound(String detail) {
		ErrorResponseException problem = GatewayProblems.notFound(detail);
		problem.getBody().setProperty("servers", this.servers.names());
		return problem;
	}

}
