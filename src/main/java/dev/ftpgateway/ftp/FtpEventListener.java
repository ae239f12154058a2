package dev.ftpgateway.ftp;

import java.time.Duration;

/**
 * Hears what a client does, for metrics: one call per command and per data transfer, on the
 * client's thread. Like OkHttp's EventListener, it sees verbs and counts, never arguments, so
 * paths and passwords cannot leak into metrics. Implementations must be quick and must not
 * throw.
 */
public interface FtpEventListener {

	/** Hears nothing. */
	FtpEventListener NONE = new FtpEventListener() {
	};

	/**
	 * A command got its reply, or failed to.
	 * @param verb the command's verb, upper-case ({@code RETR}, {@code NOOP}, ...)
	 * @param replyCode the reply code, or -1 when the connection failed before a reply
	 * @param elapsed from sending the command to reading its reply
	 */
	default void commandCompleted(String verb, int replyCode, Duration elapsed) {
	}

	/**
	 * A binary transfer ended.
	 * @param verb RETR, STOR or APPE
	 * @param bytes how many bytes crossed the data connection
	 * @param succeeded whether the server confirmed the transfer
	 */
	default void transferCompleted(String verb, long bytes, boolean succeeded) {
	}

}
