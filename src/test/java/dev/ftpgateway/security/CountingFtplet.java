package dev.ftpgateway.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

/** Records every connection and command the embedded FTP server receives, to prove a request never reached it. */
final class CountingFtplet extends DefaultFtplet {

	private final AtomicInteger connections = new AtomicInteger();

	private final List<String> commands = new CopyOnWriteArrayList<>();

	@Override
	public FtpletResult onConnect(FtpSession session) {
		this.connections.incrementAndGet();
		return FtpletResult.DEFAULT;
	}

	@Override
	public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
		// PASS arguments are passwords: keep the verb only.
		this.commands.add(request.getCommand());
		return FtpletResult.DEFAULT;
	}

	int connections() {
		return this.connections.get();
	}

	List<String> commands() {
		return List.copyOf(this.commands);
	}

}
