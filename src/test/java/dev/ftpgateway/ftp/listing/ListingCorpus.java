package dev.ftpgateway.ftp.listing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a corpus of real listing lines from {@code src/test/resources/listings/}. A line starting
 * with {@code #} names the source of the lines after it, blank lines are skipped and every other
 * line is one listing line, verbatim. Trailing whitespace is refused because editors strip it
 * silently; whitespace-sensitive cases belong in the tests.
 */
final class ListingCorpus {

	private ListingCorpus() {
	}

	/** One corpus line with where it came from, named so in test reports. */
	record Line(String text, String source, String file, int number) {

		@Override
		public String toString() {
			return this.file + ":" + this.number + " [" + this.source + "] " + this.text;
		}

	}

	static List<Line> load(String file) {
		try (InputStream in = ListingCorpus.class.getResourceAsStream("/listings/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("No corpus " + file);
			}
			String[] rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
			List<Line> lines = new ArrayList<>();
			String source = "";
			for (int i = 0; i < rows.length; i++) {
				String row = rows[i];
				if (!row.equals(row.stripTrailing())) {
					throw new IllegalStateException(file + ":" + (i + 1) + " ends in whitespace");
				}
				if (row.startsWith("#")) {
					source = row.substring(1).strip();
				}
				else if (!row.isEmpty()) {
					lines.add(new Line(row, source, file, i + 1));
				}
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
