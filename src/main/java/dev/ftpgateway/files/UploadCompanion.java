package dev.ftpgateway.files;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a partial upload must remember, kept on the FTP server in a small file next to the partial
 * one, so that any gateway can continue the upload: the target's name, the declared length, when
 * it was created and the client's metadata. One {@code key=value} line each, UTF-8; names and
 * header values hold no line breaks (paths with control characters are refused).
 *
 * @param name the target file's name in the upload's folder
 * @param length the bytes the upload will hold in all
 * @param created when the upload was created
 * @param metadata the client's {@code Upload-Metadata}, as sent
 */
record UploadCompanion(String name, long length, Instant created, String metadata) {

	private static final String HEADER = "ftp-gateway partial upload 1";

	byte[] bytes() {
		String text = HEADER + "\nname=" + this.name + "\nlength=" + this.length + "\ncreated=" + this.created
				+ "\nmetadata=" + this.metadata + "\n";
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The companion in {@code bytes}; empty when they are not one (a file someone else put there). */
	static Optional<UploadCompanion> parse(byte[] bytes) {
		String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
		if (lines.length == 0 || !lines[0].equals(HEADER)) {
			return Optional.empty();
		}
		Map<String, String> values = new HashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int equals = lines[i].indexOf('=');
			if (equals > 0) {
				values.put(lines[i].substring(0, equals), lines[i].substring(equals + 1));
			}
		}
		String name = values.get("name");
		if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
			return Optional.empty();
		}
		try {
			long length = Long.parseLong(values.getOrDefault("length", ""));
			Instant created = Instant.parse(values.getOrDefault("created", ""));
			return (length < 0) ? Optional.empty()
					: Optional.of(new UploadCompanion(name, length, created, values.getOrDefault("metadata", "")));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
