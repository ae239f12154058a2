package dev.ftpgateway.web.archive;

/**
 * What folder archives need from configuration, as plain values.
 *
 * @param maxEntries the most files and folders one archive holds
 * @param maxBytes the most bytes of files one archive holds
 */
public record ArchiveSettings(int maxEntries, long maxBytes) {

	public ArchiveSettings {
		if (maxEntries < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("archive limits must be positive");
		}
	}

}
