package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Duration;

/**
 * What the gateway learned about one FTP server's behaviour that its FEAT does not say, shared
 * by all sessions to it: each fact is found out once, on the first session that needs it.
 */
final class ServerQuirks {

	/** How long the pipelining probe waits for each of its replies. */
	private static final Duration PIPELINING_PROBE_WAIT = Duration.ofSeconds(2);

	private volatile Boolean sizeAnswersFolders;

	private volatile boolean restRefused;

	private volatile Boolean pipelining;

	/**
	 * Whether SIZE answers for folders too (Twisted's FTP server gives a folder's block size),
	 * so a 213 does not prove a path is a file. Found out with SIZE of the root, which is
	 * always a folder.
	 */
	boolean sizeAnswersFolders(FileSession session) throws IOException {
		Boolean known = this.sizeAnswersFolders;
		if (known == null) {
			known = session.client().size(session.absolute(RemotePath.root())).isPresent();
			this.sizeAnswersFolders = known;
		}
		return known;
	}

	/**
	 * Whether the server takes a command while it still answers the one before, so SIZE and MDTM
	 * can go out together: found out once, with two NOOPs sent together. A server that drops the
	 * second leaves the session that asked out of step.
	 * @throws SessionSpoiledException when that just happened: the operation is tried again on
	 *         another session, which no longer asks
	 */
	boolean pipelines(FileSession session) throws IOException {
		Boolean known = this.pipelining;
		if (known == null) {
			known = session.client().acceptsPipelining(PIPELINING_PROBE_WAIT);
			this.pipelining = known;
			if (!known) {
				throw new SessionSpoiledException("The FTP server does not answer pipelined commands");
			}
		}
		return known;
	}

	/** Whether the server refused REST, so reads can only start at the beginning of a file. */
	boolean restRefused() {
		return this.restRefused;
	}

	void restWasRefused() {
		this.restRefused = true;
	}

}
