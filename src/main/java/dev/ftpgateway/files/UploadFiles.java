package dev.ftpgateway.files;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hidden files of one partial upload in its folder: {@code .tus-NONCE} holds the bytes,
 * {@code .tus-NONCE.info} what the upload must remember ({@link UploadCompanion}), and
 * {@code .tus-NONCE.chunk} a chunk with a checksum until it is checked.
 *
 * @param folder the folder the upload is written in
 * @param nonce 32 lower-case hex digits
 */
record UploadFiles(RemotePath folder, String nonce) {

	static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");

	private static final String PREFIX = ".tus-";

	private static final String COMPANION = ".info";

	UploadFiles {
		if (!NONCE.matcher(nonce).matches()) {
			throw new IllegalArgumentException("not an upload nonce: '" + nonce + "'");
		}
	}

	/** The files of the upload whose companion is named {@code name} in {@code folder}, if it is one. */
	static Optional<UploadFiles> ofCompanion(RemotePath folder, String name) {
		if (!name.startsWith(PREFIX) || !name.endsWith(COMPANION)) {
			return Optional.empty();
		}
		String nonce = name.substring(PREFIX.length(), name.length() - COMPANION.length());
		return NONCE.matcher(nonce).matches() ? Optional.of(new UploadFiles(folder, nonce)) : Optional.empty();
	}

	RemotePath partial() {
		return this.folder.resolve(PREFIX + this.nonce);
	}

	RemotePath companion() {
		return this.folder.resolve(PREFIX + this.nonce + COMPANION);
	}

	RemotePath chunk() {
		return this.folder.resolve(PREFIX + this.nonce + ".chunk");
	}

}
