package dev.ftpgateway.web;

import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;

/** A {@link FileServerResolver} for tests of one server, the default: {@code /files} requests go to it. */
final class OnlyServer {

	private OnlyServer() {
	}

	static FileServerResolver onlyServer(FileServer server) {
		return new FileServerResolver(new FileServers(Map.of("default", server), Optional.of("default")));
	}

}
