package dev.ftpgateway.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A folder found by {@link FileReads#read}, to be listed on the session that found it. */
public final class RemoteFolder {

	private final FileSession session;

	private final RemotePath path;

	RemoteFolder(FileSession session, RemotePath path) {
		this.session = session;
		this.path = path;
	}

	public RemotePath path() {
		return this.path;
	}

	/**
	 * Hands over each entry (not the folder itself or its parent) as the data connection
	 * delivers it, in the server's order: memory stays flat whatever the folder's size.
	 */
	public void list(Consumer<RemoteEntry> callback) throws IOException {
		this.session.list(this.path, callback);
	}

	/** The entries, in the server's order. */
	public List<RemoteEntry> entries() throws IOException {
		List<RemoteEntry> entries = new ArrayList<>();
		list(entries::add);
		return entries;
	}

}
