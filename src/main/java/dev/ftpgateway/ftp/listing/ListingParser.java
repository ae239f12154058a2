package dev.ftpgateway.ftp.listing;

import java.util.Optional;

/**
 * Turns one line of a directory listing into an {@link FtpEntry}. Parsers are pure: text in,
 * entry out, no I/O, so they can be tested with corpora of real lines.
 */
@FunctionalInterface
public interface ListingParser {

	/**
	 * Parses one line (without its line end).
	 * @return the entry, or empty when the line is not an entry in this parser's format
	 *         (a {@code total 24} header, a blank line, a broken line)
	 */
	Optional<FtpEntry> parse(String line);

}
