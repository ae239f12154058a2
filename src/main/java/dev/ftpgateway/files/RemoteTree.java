package dev.ftpgateway.files;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Changes to the tree below the root that move no file content: create folders (with their
 * parents), delete files and folders (recursively when asked), move or rename.
 */
public final class RemoteTree {

	private final SessionRetry retry;

	private final String root;

	private final SmallFileCache cache;

	RemoteTree(SessionRetry retry, String root, SmallFileCache cache) {
		this.retry = retry;
		this.root = root;
		this.cache = cache;
	}

	/**
	 * Creates a folder and its missing parents (MKD for each).
	 * @return whether anything was created; false when the folder already existed
	 * @throws FileOperationException {@code CONFLICT} when a file is in the way
	 */
	public boolean makeFolders(RemotePath path) throws IOException {
		return this.retry.once((session, attempt) -> session.makeFolders(path));
	}

	/**
	 * Deletes a file (DELE) or a folder (RMD); a folder with entries only when {@code recursive}.
	 * A dead pooled session is retried on a new one only while nothing has been deleted yet: a
	 * DELE whose reply was lost may have worked, and repeating it would answer "not found".
	 * @param precondition what must hold of the file or folder before it is deleted
	 * @throws FileOperationException {@code NOT_FOUND}, {@code CONFLICT} for a folder that is not
	 *         empty, {@code PRECONDITION_FAILED}, {@code NOT_APPLICABLE} for the root
	 */
	public void delete(RemotePath path, boolean recursive, Precondition precondition) throws IOException {
		if (path.isRoot()) {
			throw FileOperationException.notApplicable("The root folder cannot be deleted");
		}
		try {
			deleteOnce(path, recursive, precondition);
		}
		finally {
			this.cache.invalidate(path.under(this.root));
		}
	}

	private void deleteOnce(RemotePath path, boolean recursive, Precondition precondition) throws IOException {
		this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(path.parent());
			FtpEntry entry = session.stat(path);
			session.check(precondition, path);
			if (!FileSession.isFolder(entry) || isLink(session, path)) {
				attempt.commit();
				session.client().delete(session.absolute(path));
				return null;
			}
			List<FtpEntry> children = session.children(path);
			if (!children.isEmpty() && !recursive) {
				throw FileOperationException
					.conflict(path + " is not empty; add ?recursive=true to delete it with its content");
			}
			attempt.commit();
			deleteTree(session, path, children);
			return null;
		});
	}

	/** Whether the last name of {@code path} is a symbolic link: removed with DELE, never recursed into. */
	private static boolean isLink(FileSession session, RemotePath path) throws IOException {
		return session.symbolicLinks(path.parent()).containsKey(path.name());
	}

	/**
	 * Deletes a folder's content, then the folder. Links are removed, never followed: their names
	 * come from LIST, since MLSD on some servers (pyftpdlib) reports a link to a folder as a folder.
	 */
	private static void deleteTree(FileSession session, RemotePath folder, List<FtpEntry> children)
			throws IOException {
		FtpClient client = session.client();
		Set<String> links = session.symbolicLinks(folder).keySet();
		for (FtpEntry child : children) {
			String name = RemoteEntry.of(child).name();
			RemotePath childPath = folder.resolve(name);
			if (FileSession.isFolder(child) && !links.contains(name)) {
				deleteTree(session, childPath, session.children(childPath));
			}
			else {
				// Symbolic links are removed with DELE, never followed.
				client.delete(session.absolute(childPath));
			}
		}
		client.rmd(session.absolute(folder));
	}

	/**
	 * Moves or renames a file or folder with RNFR/RNTO. Never replaces an existing destination:
	 * servers disagree on whether RNTO overwrites, so it is refused up front.
	 * @param mkdirs whether to create the destination's missing parent folders first
	 * @param precondition what must hold of the source before it is moved
	 * @throws FileOperationException {@code NOT_FOUND} for a missing source or destination
	 *         folder, {@code CONFLICT} for an existing destination or one inside the source,
	 *         {@code PRECONDITION_FAILED}, {@code NOT_APPLICABLE} for the root
	 */
	public void move(RemotePath source, RemotePath destination, boolean mkdirs, Precondition precondition)
			throws IOException {
		if (source.isRoot() || destination.isRoot()) {
			throw FileOperationException.notApplicable("The root folder cannot be moved or replaced");
		}
		if (destination.segments().size() > source.segments().size()
				&& destination.segments().subList(0, source.segments().size()).equals(source.segments())) {
			throw FileOperationException.conflict("Cannot move " + source + " into itself");
		}
		try {
			moveOnce(source, destination, mkdirs, precondition);
		}
		finally {
			this.cache.invalidate(source.under(this.root));
			this.cache.invalidate(destination.under(this.root));
		}
	}

	private void moveOnce(RemotePath source, RemotePath destination, boolean mkdirs, Precondition precondition)
			throws IOException {
		this.retry.once((session, attempt) -> {
			session.refuseLinksLeavingRoot(source.parent());
			session.refuseLinksLeavingRoot(destination.parent());
			session.stat(source);
			session.check(precondition, source);
			Optional<FtpEntry> existing = session.find(destination);
			if (existing.isPresent()) {
				throw FileOperationException.conflict(destination + " already exists");
			}
			Optional<FtpEntry> parent = session.find(destination.parent());
			if (parent.isEmpty() && !mkdirs) {
				throw FileOperationException.missingFolderFor(destination, true);
			}
			if (parent.isPresent() && !FileSession.isFolder(parent.get())) {
				throw FileOperationException.conflict(destination.parent() + " is a file, not a folder");
			}
			if (parent.isEmpty()) {
				session.makeFolders(destination.parent());
			}
			return session.client().rename(session.absolute(source), session.absolute(destination));
		});
	}

}
