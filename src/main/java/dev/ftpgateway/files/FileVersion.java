package dev.ftpgateway.files;

import java.time.Instant;
import java.util.Optional;

/**
 * What identifies the version of a file or folder now on the server, as far as FTP tells: its
 * size and modification time, found the same way for reads and for preconditions, so validators
 * made from them agree.
 *
 * @param folder whether the path is a folder
 * @param size the size in bytes, or -1 when unknown (always for folders)
 * @param modified the last modification time, when the server states one
 */
public record FileVersion(boolean folder, long size, Optional<Instant> modified) {
}
