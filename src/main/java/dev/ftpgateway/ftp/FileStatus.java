package dev.ftpgateway.ftp;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file's size and modification time, as SIZE and MDTM state them.
 *
 * @param size the size, or empty as {@link FtpClient#size} would be
 * @param modified the modification time, or empty as {@link FtpClient#mdtm} would be
 */
public record FileStatus(OptionalLong size, Optional<Instant> modified) {
}
