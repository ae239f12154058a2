package dev.ftpgateway.files;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Keeps paths from leaving the root through symbolic links on the server: with a root of
 * {@code /upload}, a link {@code /upload/l -> ../big} would otherwise let callers read, replace,
 * move and delete files outside it. Each name on the path is looked up in its folder's LIST
 * (the listing that shows links and their targets), and a link whose target resolves outside the
 * root is refused. A target the listing does not show counts as outside.
 * <p>
 * With the root at {@code /} there is nothing outside it the FTP account could reach, so no
 * lookup is made; a root below it costs one LIST per folder on the path, which
 * {@code followOutsideRoot} turns off for sites that want their links followed anywhere.
 */
final class LinkGuard {

	private final String root;

	private final boolean off;

	LinkGuard(String root, boolean followOutsideRoot) {
		this.root = withoutTrailingSlash(root);
		this.off = followOutsideRoot || this.root.isEmpty();
	}

	/** @throws FileOperationException {@code OUTSIDE_ROOT} when a name on {@code path} is such a link */
	void check(FileSession session, RemotePath path) throws IOException {
		if (this.off) {
			return;
		}
		RemotePath folder = RemotePath.root();
		for (String name : path.segments()) {
			Map<String, FtpEntry> links = session.symbolicLinks(folder);
			FtpEntry link = links.get(name);
			if (link != null) {
				Optional<String> target = link.linkTarget();
				if (target.isEmpty() || !isInsideRoot(resolve(session.absolute(folder), target.get()))) {
					throw FileOperationException.outsideRoot(path, folder.resolve(name).toString());
				}
			}
			folder = folder.resolve(name);
		}
	}

	private boolean isInsideRoot(String absolute) {
		return absolute.equals(this.root) || absolute.startsWith(this.root + "/");
	}

	/** Where a link in {@code folder} points: absolute targets as they are, relative ones from the folder, normalised. */
	static String resolve(String folder, String target) {
		String joined = target.startsWith("/") ? target : folder + "/" + target;
		Deque<String> names = new ArrayDeque<>();
		for (String name : joined.split("/")) {
			if (name.isEmpty() || name.equals(".")) {
				continue;
			}
			if (name.equals("..")) {
				names.pollLast();
			}
			else {
				names.addLast(name);
			}
		}
		return "/" + String.join("/", names);
	}

	private static String withoutTrailingSlash(String root) {
		return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
	}

}
