package dev.ftpgateway.web;

import java.time.Instant;

/** The ETag of a file version, the same for the validators of a read and the preconditions of a write. */
final class EntityTags {

	private EntityTags() {
	}

	/** A strong ETag from size and modification time, or null when either is unknown. */
	static String of(long size, Instant modified) {
		if (size < 0 || modified == null) {
			return null;
		}
		return "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
	}

}
