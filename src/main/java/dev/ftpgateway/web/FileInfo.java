package dev.ftpgateway.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.ftpgateway.files.RemoteEntry;

/**
 * One entry of a folder listing as the JSON API shows it; fields a server did not send are null.
 *
 * @param name the entry's name within the folder
 * @param type {@code file}, {@code directory}, {@code symlink} or {@code other}
 * @param size the size in bytes
 * @param modified the last modification time
 * @param permissions the permissions as listed, e.g. {@code rw-r--r--} or an MLSD perm fact
 * @param linkTarget where a symbolic link points, as listed
 */
@Schema(description = "One entry of a folder listing")
public record FileInfo(String name, @Schema(allowableValues = { "file", "directory", "symlink", "other" }) String type,
		@Nullable Long size, @Nullable Instant modified, @Nullable String permissions, @Nullable String linkTarget) {

	static FileInfo of(RemoteEntry entry) {
		String type = switch (entry.type()) {
			case FILE -> "file";
			case FOLDER -> "directory";
			case SYMLINK -> "symlink";
			case OTHER -> "other";
		};
		return new FileInfo(entry.name(), type, entry.size().isPresent() ? entry.size().getAsLong() : null,
				entry.modified().orElse(null), entry.permissions().orElse(null), entry.linkTarget().orElse(null));
	}

}
