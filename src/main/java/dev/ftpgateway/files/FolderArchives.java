package dev.ftpgateway.files;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Reads a whole folder tree on one session for an archive: first the plan (every folder listed,
 * its entries counted against the limits), then each file's bytes in the plan's order, so a tree
 * over the limits is refused before the first byte goes out. Symbolic links are left out, never
 * followed, and so is any name that could leave the folder when the archive is unpacked (empty,
 * {@code .}, {@code ..}, or holding a slash, a backslash or a control character), which only a
 * broken or hostile server lists.
 * <p>
 * Memory: the plan holds one small record per entry, at most {@code maxEntries}; bytes stream.
 */
public final class FolderArchives {

	private static final System.Logger logger = System.getLogger(FolderArchives.class.getName());

	private final SessionRetry retry;

	FolderArchives(SessionRetry retry) {
		this.retry = retry;
	}

	/**
	 * The most an archive may hold.
	 *
	 * @param maxEntries files and folders
	 * @param maxBytes the files' sizes added up
	 */
	public record Limits(int maxEntries, long maxBytes) {
	}

	/**
	 * One file or folder of an archive.
	 *
	 * @param name the path below the archived folder, with {@code /} between names; a folder's ends in {@code /}
	 * @param folder whether it is a folder
	 * @param size the file's size as listed (0 for folders)
	 * @param modified its modification time, when listed
	 */
	public record Entry(String name, boolean folder, long size, Optional<Instant> modified) {
	}

	/** Where the entries go, in order: the HTTP layer writes them as ZIP or tar. */
	public interface Writer {

		/** The tree fits the limits; from here on a failure can only cut the archive off. */
		void begin(int entries, long bytes) throws IOException;

		void folder(Entry entry) throws IOException;

		/** Copies {@code content} to its end into the archive; completing it is not the writer's job. */
		void file(Entry entry, Download content) throws IOException;

		/** Every entry was written. */
		void finish() throws IOException;

	}

	/**
	 * Writes the tree below {@code folder} to {@code writer}.
	 * @throws FileOperationException before {@link Writer#begin}: {@code TOO_LARGE} when the tree
	 *         holds more entries or bytes than {@code limits}, {@code NOT_FOUND},
	 *         {@code NOT_APPLICABLE} for a file, {@code OUTSIDE_ROOT}
	 */
	public void write(RemotePath folder, Limits limits, Writer writer) throws IOException {
		this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(folder);
			if (!FileSession.isFolder(session.statForReading(folder))) {
				throw FileOperationException.notApplicable(folder + " is a file: only folders are archived");
			}
			List<Entry> plan = plan(session, folder, limits);
			attempt.commit();
			long bytes = plan.stream().mapToLong(Entry::size).sum();
			writer.begin(plan.size(), bytes);
			for (Entry entry : plan) {
				if (entry.folder()) {
					writer.folder(entry);
				}
				else {
					copy(session, folder, entry, writer);
				}
			}
			writer.finish();
			return null;
		});
	}

	private static void copy(FileSession session, RemotePath folder, Entry entry, Writer writer) throws IOException {
		RemotePath path = folder;
		for (String name : entry.name().split("/")) {
			path = path.resolve(name);
		}
		TransferInputStream in = session.client().retrieve(session.absolute(path), 0);
		Download content = new FtpDownload(in, session.lease(), 0, null);
		boolean copied = false;
		try {
			writer.file(entry, content);
			content.complete();
			copied = true;
		}
		finally {
			if (!copied) {
				content.abandon();
			}
		}
	}

	/** Lists the tree breadth first, stopping as soon as it exceeds a limit. */
	private static List<Entry> plan(FileSession session, RemotePath top, Limits limits) throws IOException {
		List<Entry> plan = new ArrayList<>();
		List<String> folders = new ArrayList<>(List.of(""));
		long bytes = 0;
		for (int next = 0; next < folders.size(); next++) {
			String prefix = folders.get(next);
			RemotePath folder = resolve(top, prefix);
			Set<String> links = session.symbolicLinks(folder).keySet();
			for (FtpEntry listed : session.children(folder)) {
				RemoteEntry child = RemoteEntry.of(listed);
				if (links.contains(child.name()) || !isSafeName(child.name())
						|| (child.type() != RemoteEntry.Type.FILE && !child.isFolder())) {
					logger.log(System.Logger.Level.DEBUG, () -> "Left out of the archive: " + prefix + child.name());
					continue;
				}
				if (plan.size() >= limits.maxEntries()) {
					throw FileOperationException.tooLarge(top + " holds more than " + limits.maxEntries()
							+ " files and folders, the most an archive may hold");
				}
				String name = prefix + child.name();
				if (child.isFolder()) {
					plan.add(new Entry(name + "/", true, 0, child.modified()));
					folders.add(name + "/");
					continue;
				}
				long size = child.size().isPresent() ? child.size().getAsLong()
						: session.client().size(session.absolute(folder.resolve(child.name()))).orElse(0);
				bytes += size;
				if (bytes > limits.maxBytes()) {
					throw FileOperationException.tooLarge(top + " holds more than " + limits.maxBytes()
							+ " bytes, the most an archive may hold");
				}
				plan.add(new Entry(name, false, size, child.modified()));
			}
		}
		return plan;
	}

	private static RemotePath resolve(RemotePath top, String prefix) {
		RemotePath path = top;
		for (String name : prefix.split("/")) {
			if (!name.isEmpty()) {
				path = path.resolve(name);
			}
		}
		return path;
	}

	/** Whether {@code name} stays one name when unpacked: no separator, no dot segment, no control character. */
	static boolean isSafeName(String name) {
		return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.chars()
			.noneMatch((c) -> c == '/' || c == '\\' || Character.isISOControl(c));
	}

}
