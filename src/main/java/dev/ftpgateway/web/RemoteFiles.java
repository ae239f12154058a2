package dev.ftpgateway.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Looks up what is at a remote path with one borrowed session: MLST where the server offers it,
 * otherwise SIZE and MDTM for files, then (for reading only) CWD for folders, and a listing of
 * the parent folder for the rest, since SIZE and MDTM cannot tell a folder from a missing file.
 */
final class RemoteFiles {

	private RemoteFiles() {
	}

	/**
	 * The entry at {@code path}, which must exist.
	 * @throws FtpException the server's 550 when MLST says it is missing, so the problem shows the reply
	 * @throws org.springframework.web.ErrorResponseException 404 when a listing shows it is missing
	 */
	static FtpEntry stat(FtpClient client, FilesSettings settings, RemotePath path) throws IOException {
		return stat(client, settings, path, false);
	}

	/**
	 * The entry at {@code path}, which must exist, for reading it. On servers without MLST a
	 * path that SIZE does not know is taken for a folder when CWD enters it: one round trip
	 * instead of a listing of the parent (a LIST and a data connection). CWD follows symbolic
	 * links, which is what reading wants (a link to a folder lists as the folder, as LIST would
	 * show it) but never what deleting wants, so {@link #stat} does not do it. The working
	 * directory it leaves behind means nothing: the gateway names every path absolutely.
	 */
	static FtpEntry statForReading(FtpClient client, FilesSettings settings, RemotePath path) throws IOException {
		return stat(client, settings, path, true);
	}

	private static FtpEntry stat(FtpClient client, FilesSettings settings, RemotePath path, boolean enterFolders)
			throws IOException {
		String absolute = settings.absolute(path);
		if (path.isRoot()) {
			return folder(absolute);
		}
		if (client.features().containsKey("MLST")) {
			try {
				return client.mlst(absolute);
			}
			catch (FtpException ex) {
				if (meansMissing(ex)) {
					throw GatewayProblems.notFound(path, ex);
				}
				throw ex;
			}
		}
		Optional<FtpEntry> file = plainFile(client, absolute);
		if (file.isPresent()) {
			return file.get();
		}
		if (enterFolders && entersAsFolder(client, absolute)) {
			return folder(absolute);
		}
		return find(client, settings, path).orElseThrow(() -> GatewayProblems.notFound(path));
	}

	/**
	 * A file found with SIZE and MDTM, for servers without MLST (vsftpd): two short replies
	 * instead of listing the whole parent folder for every download, which cost a 1,000-entry
	 * LIST per 1 KiB GET in the benchmark. Only a 213 counts: servers answer SIZE of a folder
	 * or a missing path with 550, and those cases still go to the listing, which tells them apart.
	 */
	private static Optional<FtpEntry> plainFile(FtpClient client, String absolute) throws IOException {
		OptionalLong size = client.size(absolute);
		if (size.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new FtpEntry(absolute, FtpEntry.Type.FILE, size, client.mdtm(absolute), Optional.empty(),
				Optional.empty(), Map.of(), ""));
	}

	/** Whether CWD enters {@code absolute}; a refusal leaves the question to a listing of the parent. */
	private static boolean entersAsFolder(FtpClient client, String absolute) throws IOException {
		try {
			client.cwd(absolute);
			return true;
		}
		catch (FtpPermanentException ex) {
			return false;
		}
	}

	/** The entry at {@code path}, or empty when nothing is there. The root is always a folder. */
	static Optional<FtpEntry> find(FtpClient client, FilesSettings settings, RemotePath path) throws IOException {
		if (path.isRoot()) {
			return Optional.of(folder(settings.absolute(path)));
		}
		String absolute = settings.absolute(path);
		if (client.features().containsKey("MLST")) {
			try {
				return Optional.of(client.mlst(absolute));
			}
			catch (FtpException ex) {
				if (meansMissing(ex)) {
					return Optional.empty();
				}
				throw ex;
			}
		}
		List<FtpEntry> siblings;
		try {
			siblings = client.list(settings.absolute(path.parent()));
		}
		catch (FtpException ex) {
			if (ex.replyCode() == 550) {
				return Optional.empty();
			}
			throw ex;
		}
		return siblings.stream().filter((entry) -> entry.name().equals(path.name())).findFirst();
	}

	/**
	 * Creates {@code path} and any missing parents with one MKD each, like {@code mkdir -p}.
	 * @return whether any folder was created
	 * @throws org.springframework.web.ErrorResponseException 409 when a file is in the way
	 */
	static boolean makeFolders(FtpClient client, FilesSettings settings, RemotePath path) throws IOException {
		boolean created = false;
		RemotePath current = RemotePath.root();
		for (String segment : path.segments()) {
			current = current.resolve(segment);
			Optional<FtpEntry> existing = created ? Optional.empty() : find(client, settings, current);
			if (existing.isEmpty()) {
				client.mkd(settings.absolute(current));
				created = true;
			}
			else if (!isFolder(existing.get())) {
				throw GatewayProblems.conflict("A file is in the way at " + current);
			}
		}
		return created;
	}

	// MINA FtpServer answers MLST of a missing path with 501 "Not a valid pathname", others with 550.
	private static boolean meansMissing(FtpException ex) {
		return ex.replyCode() == 550 || ex.replyCode() == 501;
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
