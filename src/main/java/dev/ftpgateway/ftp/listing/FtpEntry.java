package dev.ftpgateway.ftp.listing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One entry of a directory listing, whichever way the server produced it: an MLSD/MLST line
 * (RFC 3659 facts), a Unix {@code ls -l} line or a Windows/IIS DOS line.
 *
 * @param name the entry's name as the server spelled it (no directory part for LIST; for the
 *        MLSD {@code cdir} entry, whatever path the server sent)
 * @param type what kind of entry it is
 * @param size the size in bytes, when the listing states one
 * @param modified the last modification time, when the listing states one; LIST times carry
 *        only minute (or day) precision and are read in the parser's time zone
 * @param permissions the permissions as listed: {@code rwxr-xr-x} for Unix lines, the
 *        {@code perm} fact for MLSD
 * @param linkTarget where a symbolic link points, as listed (never resolved)
 * @param facts every MLSD fact with lower-cased names; empty for LIST lines
 * @param raw the line exactly as received, for diagnostics
 */
public record FtpEntry(String name, Type type, OptionalLong size, Optional<Instant> modified,
		Optional<String> permissions, Optional<String> linkTarget, Map<String, String> facts, String raw) {

	/** The kinds of entry a listing can describe. */
	public enum Type {

		FILE, DIRECTORY, SYMLINK,

		/** MLSD {@code type=cdir}: the listed directory itself. */
		CURRENT_DIRECTORY,

		/** MLSD {@code type=pdir}: the listed directory's parent. */
		PARENT_DIRECTORY,

		/** Devices, pipes, sockets and types a server invented. */
		OTHER

	}

	public FtpEntry {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(size, "size");
		Objects.requireNonNull(modified, "modified");
		Objects.requireNonNull(permissions, "permissions");
		Objects.requireNonNull(linkTarget, "linkTarget");
		facts = Map.copyOf(facts);
		Objects.requireNonNull(raw, "raw");
	}

	/** Whether this entry names the listed folder or its parent ({@code .}, {@code ..}, cdir, pdir). */
	public boolean isSelfOrParent() {
		return this.type == Type.CURRENT_DIRECTORY || this.type == Type.PARENT_DIRECTORY
				|| this.name.equals(".") || this.name.equals("..");
	}

}
