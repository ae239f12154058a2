package dev.ftpgateway.diagnose;

import java.util.Objects;

import dev.ftpgateway.pool.FtpSessionPool;

/**
 * One FTP server as the reports see it.
 *
 * @param name the server's name in routes and settings
 * @param prefix where its settings are, for the suggestions: {@code ftp-gateway.servers.partner-a}
 * @param isDefault whether {@code /files} serves it
 * @param pool the pool of the gateway's own sessions to it
 * @param reportFolder a folder the check may upload a small file to (and delete it) to measure
 *        the server's clock, or {@code null} to skip that
 */
public record ReportedServer(String name, String prefix, boolean isDefault, FtpSessionPool pool, String reportFolder) {

	public ReportedServer {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(prefix, "prefix");
		Objects.requireNonNull(pool, "pool");
	}

}
