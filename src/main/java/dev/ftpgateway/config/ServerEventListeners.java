package dev.ftpgateway.config;

import java.util.function.Function;

import dev.ftpgateway.ftp.FtpEventListener;

/**
 * What hears each server's FTP clients, by server name, so their metrics carry the server's
 * name; none when metrics are off.
 */
record ServerEventListeners(Function<String, FtpEventListener> forServer) {

	static final ServerEventListeners NONE = new ServerEventListeners((server) -> FtpEventListener.NONE);

	FtpEventListener of(String server) {
		return this.forServer.apply(server);
	}

}
