package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FileStatus;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.ReplyCode;
import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.pool.Lease;

/**
 * One borrowed FTP session seen as the file tree below the root: every path is named
 * absolutely, so no request depends on a working directory an earlier one left behind.
 * <p>
 * Looking up what is at a path: MLST where the server offers it, otherwise SIZE and MDTM for
 * files, then (for reading only) CWD for folders, and a listing of the parent folder for the
 * rest, since SIZE and MDTM cannot tell a folder from a missing file.
 */
final class FileSession {

	/** Characters FTP servers read as a pattern in a LIST or NLST argument. */
	private static final Pattern GLOB = Pattern.compile("[*?\\[{]");

	private final Lease lease;

	private final String root;

	private final ServerQuirks quirks;

	private final LinkGuard links;

	FileSession(Lease lease, String root, ServerQuirks quirks, LinkGuard links) {
		this.lease = lease;
		this.root = root;
		this.quirks = quirks;
		this.links = links;
	}

	/**
	 * Refuses a path that goes through a symbolic link pointing outside the root (see
	 * {@link LinkGuard}); the path's last name counts as well as the folders before it.
	 * @throws FileOperationException {@code OUTSIDE_ROOT}
	 */
	void refuseLinksLeavingRoot(RemotePath path) throws IOException {
		this.links.check(this, path);
	}

	ServerQuirks quirks() {
		return this.quirks;
	}

	FtpClient client() {
		return this.lease.client();
	}

	Lease lease() {
		return this.lease;
	}

	/** The absolute FTP path of {@code path} below the root. */
	String absolute(RemotePath path) {
		return path.under(this.root);
	}

	/**
	 * The entry at {@code path}, which must exist.
	 * @throws FileOperationException {@code NOT_FOUND}, with the server's reply when MLST said so
	 */
	FtpEntry stat(RemotePath path) throws IOException {
		return stat(path, false);
	}

	/**
	 * The entry at {@code path}, which must exist, for reading it. On servers without MLST a
	 * path that SIZE does not know is taken for a folder when CWD enters it: one round trip
	 * instead of a listing of the parent (a LIST and a data connection). CWD follows symbolic
	 * links, which is what reading wants (a link to a folder lists as the folder, as LIST would
	 * show it) but never what deleting wants, so {@link #stat} does not do it.
	 */
	FtpEntry statForReading(RemotePath path) throws IOException {
		return stat(path, true);
	}

	private FtpEntry stat(RemotePath path, boolean enterFolders) throws IOException {
		String absolute = absolute(path);
		if (path.isRoot()) {
			return folder(absolute);
		}
		FtpEntry entry = hasMlst() ? mlst(path) : statWithoutMlst(path, enterFolders);
		if (path.hasTrailingSlash() && !isFolder(entry)) {
			if (enterFolders && entry.type() == FtpEntry.Type.SYMLINK && entersAsFolder(absolute)) {
				return folder(absolute);
			}
			// A trailing slash names a folder: a file of that name is not what was asked for.
			throw FileOperationException.notFound(path);
		}
		return entry;
	}

	private FtpEntry mlst(RemotePath path) throws IOException {
		try {
			return client().mlst(absolute(path));
		}
		catch (FtpException ex) {
			if (meansMissing(ex)) {
				throw FileOperationException.notFound(path, ex);
			}
			throw ex;
		}
	}

	/**
	 * SIZE and MDTM first, unless the path names a folder: one round trip each for the common
	 * case of reading a file. A 213 to SIZE proves a file only where the server does not answer
	 * SIZE for folders too; where it does (Twisted), reading asks CWD, and anything else asks the
	 * parent's listing, which also tells links apart.
	 */
	private FtpEntry statWithoutMlst(RemotePath path, boolean enterFolders) throws IOException {
		String absolute = absolute(path);
		if (!path.hasTrailingSlash()) {
			Optional<FtpEntry> file = plainFile(absolute);
			if (file.isPresent() && !this.quirks.sizeAnswersFolders(this)) {
				return file.get();
			}
			if (file.isPresent() && enterFolders) {
				return entersAsFolder(absolute) ? folder(absolute) : file.get();
			}
		}
		if (enterFolders && entersAsFolder(absolute)) {
			return folder(absolute);
		}
		return findInParent(path).orElseThrow(() -> FileOperationException.notFound(path));
	}

	/** The entry at {@code path}, or empty when nothing is there. The root is always a folder. */
	Optional<FtpEntry> find(RemotePath path) throws IOException {
		if (path.isRoot()) {
			return Optional.of(folder(absolute(path)));
		}
		if (hasMlst()) {
			try {
				return Optional.of(client().mlst(absolute(path)));
			}
			catch (FtpException ex) {
				if (meansMissing(ex)) {
					return Optional.empty();
				}
				throw ex;
			}
		}
		return findInParent(path);
	}

	private Optional<FtpEntry> findInParent(RemotePath path) throws IOException {
		List<FtpEntry> siblings;
		try {
			siblings = children(path.parent());
		}
		catch (FtpException ex) {
			if (ex.replyCode() == ReplyCode.FILE_UNAVAILABLE) {
				return Optional.empty();
			}
			throw ex;
		}
		return siblings.stream().filter((entry) -> entry.name().equals(path.name())).findFirst();
	}

	/**
	 * A file found with SIZE and MDTM, for servers without MLST (vsftpd): two short replies
	 * instead of listing the whole parent folder for every download. Only a 213 counts: servers
	 * answer SIZE of a folder or a missing path with 550, and those cases still go to the
	 * listing, which tells them apart.
	 */
	private Optional<FtpEntry> plainFile(String absolute) throws IOException {
		FileStatus status;
		if (this.quirks.pipelines(this)) {
			// One round trip for both, where the server takes commands sent together.
			status = client().sizeAndMdtmEach(List.of(absolute)).get(0);
		}
		else {
			OptionalLong size = client().size(absolute);
			status = new FileStatus(size, size.isPresent() ? client().mdtm(absolute) : Optional.empty());
		}
		if (status.size().isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new FtpEntry(absolute, FtpEntry.Type.FILE, status.size(), status.modified(),
				Optional.empty(), Optional.empty(), Map.of(), ""));
	}

	/** Whether CWD enters {@code absolute}; a refusal leaves the question to a listing of the parent. */
	private boolean entersAsFolder(String absolute) throws IOException {
		try {
			client().cwd(absolute);
			return true;
		}
		catch (FtpPermanentException ex) {
			return false;
		}
	}

	/**
	 * The version of what is at {@code path}, looked up as a read looks it up: an entry's own
	 * size and time, else SIZE and MDTM.
	 */
	FileVersion version(RemotePath path, FtpEntry entry) throws IOException {
		if (isFolder(entry)) {
			return new FileVersion(true, -1, entry.modified());
		}
		String absolute = absolute(path);
		long size = entry.size().isPresent() ? entry.size().getAsLong() : client().size(absolute).orElse(-1);
		Optional<Instant> modified = entry.modified().isPresent() ? entry.modified() : client().mdtm(absolute);
		return new FileVersion(false, size, modified);
	}

	/**
	 * The version of each file at {@code files}, as {@link #statForReading} and {@link #version}
	 * would find it, or empty where a folder or nothing is there. Where the server takes
	 * pipelined commands, the commands for all files go out together: one round trip for all.
	 */
	List<Optional<FileVersion>> fileVersions(List<RemotePath> files) throws IOException {
		if (files.size() > 1 && this.quirks.pipelines(this)) {
			List<String> paths = files.stream().map(this::absolute).toList();
			if (hasMlst()) {
				List<Optional<FtpEntry>> entries = client().mlstEach(paths);
				List<Optional<FileVersion>> versions = new ArrayList<>(files.size());
				for (int i = 0; i < files.size(); i++) {
					Optional<FtpEntry> entry = entries.get(i).filter((found) -> !isFolder(found));
					versions.add(entry.isPresent() ? Optional.of(version(files.get(i), entry.get())) : Optional.empty());
				}
				return versions;
			}
			if (!this.quirks.sizeAnswersFolders(this)) {
				return client().sizeAndMdtmEach(paths).stream()
					.map((status) -> status.size().isPresent()
							? Optional.of(new FileVersion(false, status.size().getAsLong(), status.modified()))
							: Optional.<FileVersion>empty())
					.toList();
			}
		}
		List<Optional<FileVersion>> versions = new ArrayList<>(files.size());
		for (RemotePath file : files) {
			versions.add(fileVersion(file));
		}
		return versions;
	}

	private Optional<FileVersion> fileVersion(RemotePath file) throws IOException {
		FtpEntry entry;
		try {
			entry = statForReading(file);
		}
		catch (FileOperationException ex) {
			if (ex.reason() != FileOperationException.Reason.NOT_FOUND) {
				throw ex;
			}
			return Optional.empty();
		}
		return isFolder(entry) ? Optional.empty() : Optional.of(version(file, entry));
	}

	/** Checks {@code precondition} against what is at {@code path} now; looks nothing up when there is none. */
	void check(Precondition precondition, RemotePath path) throws IOException {
		if (precondition == Precondition.NONE) {
			return;
		}
		Optional<FtpEntry> entry;
		try {
			entry = Optional.of(statForReading(path));
		}
		catch (FileOperationException ex) {
			if (ex.reason() != FileOperationException.Reason.NOT_FOUND) {
				throw ex;
			}
			entry = Optional.empty();
		}
		precondition.check(entry.isPresent() ? Optional.of(version(path, entry.get())) : Optional.empty());
	}

	/**
	 * Creates {@code path} and any missing parents with one MKD each, like {@code mkdir -p}.
	 * @return whether any folder was created
	 * @throws FileOperationException {@code CONFLICT} when a file is in the way
	 */
	boolean makeFolders(RemotePath path) throws IOException {
		boolean created = false;
		RemotePath current = RemotePath.root();
		for (String segment : path.segments()) {
			current = current.resolve(segment);
			Optional<FtpEntry> existing = created ? Optional.empty() : find(current);
			if (existing.isEmpty()) {
				client().mkd(absolute(current));
				created = true;
			}
			else if (!isFolder(existing.get())) {
				throw FileOperationException.conflict("A file is in the way at " + current);
			}
		}
		return created;
	}

	/** Hands over each entry of the folder as the data connection delivers it. */
	void list(RemotePath folder, Consumer<RemoteEntry> callback) throws IOException {
		listFolder(folder, (entry) -> callback.accept(RemoteEntry.of(entry)));
	}

	/**
	 * The entries of a folder that are symbolic links, by name, from LIST: MLSD leaves out where
	 * links point, and some servers' MLSD (pyftpdlib's) reports a link to a folder as a folder.
	 */
	Map<String, FtpEntry> symbolicLinks(RemotePath folder) throws IOException {
		Map<String, FtpEntry> found = new HashMap<>();
		Consumer<FtpEntry> links = (entry) -> {
			if (entry.type() == FtpEntry.Type.SYMLINK) {
				found.put(RemoteEntry.of(entry).name(), entry);
			}
		};
		String absolute = absolute(folder);
		if (GLOB.matcher(absolute).find()) {
			client().cwd(absolute);
			client().listWithLinkTargets("", links);
		}
		else {
			client().listWithLinkTargets(absolute, links);
		}
		return found;
	}

	/**
	 * The entries of a folder with the hidden ones, from {@code LIST -a}: vsftpd and Apache MINA
	 * FtpServer leave names starting with a dot out of a plain LIST and MLSD. Links show as links
	 * in it. A server that refuses the option (pyftpdlib reads {@code -a} as a path, and lists
	 * hidden names anyway) is listed as {@link #children} lists, and its links found with
	 * {@link #symbolicLinks}.
	 */
	List<FtpEntry> childrenWithHidden(RemotePath folder) throws IOException {
		List<FtpEntry> entries = new ArrayList<>();
		String absolute = absolute(folder);
		try {
			if (GLOB.matcher(absolute).find()) {
				client().cwd(absolute);
				client().listWithLinkTargets("-a", entries::add);
			}
			else {
				client().listWithLinkTargets("-a " + absolute, entries::add);
			}
			return entries;
		}
		catch (FtpPermanentException ex) {
			Map<String, FtpEntry> links = symbolicLinks(folder);
			List<FtpEntry> listed = new ArrayList<>();
			for (FtpEntry entry : children(folder)) {
				listed.add(links.getOrDefault(RemoteEntry.of(entry).name(), entry));
			}
			return listed;
		}
	}

	/** The entries of a folder, without itself and its parent. */
	List<FtpEntry> children(RemotePath folder) throws IOException {
		List<FtpEntry> entries = new ArrayList<>();
		listFolder(folder, entries::add);
		return entries;
	}

	/**
	 * Lists a folder without ever handing the server a pattern: proftpd and pure-ftpd expand
	 * {@code *}, {@code ?} and {@code [} in LIST's argument, so {@code LIST /a/rel-*} would list
	 * the siblings the pattern matches. A folder whose path holds one is entered with CWD and
	 * listed with no argument.
	 */
	private void listFolder(RemotePath folder, Consumer<FtpEntry> callback) throws IOException {
		String absolute = absolute(folder);
		if (GLOB.matcher(absolute).find()) {
			client().cwd(absolute);
			client().list("", callback);
		}
		else {
			client().list(absolute, callback);
		}
	}

	private boolean hasMlst() throws IOException {
		return client().features().containsKey("MLST");
	}

	// MINA FtpServer answers MLST of a missing path with 501 "Not a valid pathname", others with 550.
	private static boolean meansMissing(FtpException ex) {
		return ex.replyCode() == ReplyCode.FILE_UNAVAILABLE || ex.replyCode() == ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS;
	}

	/** Whether the entry is a folder; a symbolic link counts as what the server lets it behave as, so as a file. */
	static boolean isFolder(FtpEntry entry) {
		return entry.type() == FtpEntry.Type.DIRECTORY || entry.type() == FtpEntry.Type.CURRENT_DIRECTORY;
	}

	private static FtpEntry folder(String absolute) {
		return new FtpEntry(absolute, FtpEntry.Type.DIRECTORY, OptionalLong.empty(), Optional.empty(),
				Optional.empty(), Optional.empty(), Map.of(), "");
	}

}
