package dev.ftpgateway.pool;

import java.time.Duration;

import dev.ftpgateway.ftp.FtpException;

/**
 * The FTP server refused one more session with a 421: it is at its connection limit. Like an
 * exhausted pool this is temporary (the pool lowers its size meanwhile), so the web layer
 * answers 503 with Retry-After.
 */
public class ConnectionLimitException extends PoolExhaustedException {

	public ConnectionLimitException(Duration maxWait, FtpException refusal) {
		super("The FTP server refused another session: " + refusal.getMessage(), maxWait, refusal);
	}

}
