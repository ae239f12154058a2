package dev.ftpgateway.web;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;
import dev.ftpgateway.transfers.RunningTransfers;
import dev.ftpgateway.transfers.TransferListener;

/** A {@link FileServerResolver} for tests of one server, the default: {@code /files} requests go to it. */
final class OnlyServer {

	private OnlyServer() {
	}

	static FileServerResolver onlyServer(FileServer server) {
		return new FileServerResolver(new FileServers(Map.of("default", server), Optional.of("default")));
	}

	/** A list of running transfers of its own, heard by no metrics. */
	static RequestTransfers transfers() {
		return new RequestTransfers(new RunningTransfers(Clock.systemUTC(), TransferListener.NONE));
	}

}
