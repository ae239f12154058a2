package dev.ftpgateway.files;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * One entry of a folder, as the gateway shows it: whichever way the server listed it (MLSD or
 * LIST), with its plain name and what the listing said about it.
 *
 * @param name the entry's name within its folder
 * @param type what kind of entry it is
 * @param size the size in bytes, when listed
 * @param modified the last modification time, when listed
 * @param permissions the permissions as listed, e.g. {@code rw-r--r--} or an MLSD perm fact
 * @param linkTarget where a symbolic link points, as listed (never resolved)
 */
public record RemoteEntry(String name, Type type, OptionalLong size, Optional<Instant> modified,
		Optional<String> permissions, Optional<String> linkTarget) {

	/** The kinds of entry. */
	public enum Type {

		FILE, FOLDER, SYMLINK, OTHER

	}

	/** The entry a listing line describes. */
	static RemoteEntry of(FtpEntry entry) {
		Type type = switch (entry.type()) {
			case FILE -> Type.FILE;
			case DIRECTORY, CURRENT_DIRECTORY, PARENT_DIRECTORY -> Type.FOLDER;
			case SYMLINK -> Type.SYMLINK;
			case OTHER -> Type.OTHER;
		};
		return new RemoteEntry(baseName(entry.name()), type, entry.size(), entry.modified(), entry.permissions(),
				entry.linkTarget());
	}

	// Some servers answer MLSD with path names instead of plain names.
	private static String baseName(String name) {
		int slash = name.lastIndexOf('/');
		return (slash >= 0 && slash < name.length() - 1) ? name.substring(slash + 1) : name;
	}

	/** Whether this is a folder; a symbolic link counts as what the server lets it behave as, so as a file. */
	public boolean isFolder() {
		return this.type == Type.FOLDER;
	}

}
