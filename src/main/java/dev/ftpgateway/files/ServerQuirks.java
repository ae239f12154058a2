package dev.ftpgateway.files;

import java.io.IOException;

/**
 * What the gateway learned about one FTP server's behaviour that its FEAT does not say, shared
 * by all sessions to it: each fact is found out once, on the first session that needs it.
 */
final class ServerQuirks {

	private volatile Boolean sizeAnswersFolders;

	private volatile boolean restRefused;

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

	/** Whether the server refused REST, so reads can only start at the beginning of a file. */
	boolean restRefused() {
		return this.restRefused;
	}

	void restWasRefused() {
		this.restRefused = true;
	}

}
