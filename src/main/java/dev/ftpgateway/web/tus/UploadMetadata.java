package dev.ftpgateway.web.tus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The {@code Upload-Metadata} header of a tus creation: comma-separated pairs of a key and its
 * Base64 value, and the upload's target read from them: the {@code path} key (an absolute path
 * below the root), or Uppy's {@code filename} in the {@code folder} key's folder (the root when
 * there is none). Paths pass the same rules as every path of {@code /files}.
 */
final class UploadMetadata {

	private final Map<String, String> values;

	private UploadMetadata(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Reads the header; null or empty is no metadata.
	 * @throws org.springframework.web.ErrorResponseException 400 for a pair that is not a key
	 *         and Base64 UTF-8, or a key given twice
	 */
	static UploadMetadata parse(String header) {
		Map<String, String> values = new LinkedHashMap<>();
		if (header != null && !header.isBlank()) {
			for (String pair : header.split(",")) {
				String[] parts = pair.trim().split(" ", -1);
				if (parts.length > 2 || parts[0].isEmpty()) {
					throw GatewayProblems.badRequest("Upload-Metadata holds '" + pair.trim()
							+ "', not a key and its Base64 value");
				}
				String value = (parts.length == 2) ? decode(parts[0], parts[1]) : "";
				if (values.put(parts[0], value) != null) {
					throw GatewayProblems.badRequest("Upload-Metadata names '" + parts[0] + "' twice");
				}
			}
		}
		return new UploadMetadata(values);
	}

	/**
	 * The file the upload becomes.
	 * @throws org.springframework.web.ErrorResponseException 400 when the metadata names none
	 * @throws dev.ftpgateway.files.InvalidRemotePathException when the path breaks the path rules
	 */
	RemotePath target() {
		String path = this.values.get("path");
		if (path != null) {
			if (!path.startsWith("/")) {
				throw GatewayProblems.badRequest("The path metadata must be an absolute path below the root, such as"
						+ " /reports/q3.pdf");
			}
			return RemotePath.ofDecoded(path);
		}
		String filename = this.values.get("filename");
		if (filename == null) {
			throw GatewayProblems.badRequest("Upload-Metadata must name the target: 'path' (an absolute path below the"
					+ " root), or 'filename' with an optional 'folder'");
		}
		if (filename.isEmpty() || filename.contains("/") || filename.equals(".") || filename.equals("..")) {
			throw GatewayProblems.badRequest("The filename metadata must be a single name; put folders in 'folder'");
		}
		String folder = Optional.ofNullable(this.values.get("folder")).orElse("/");
		RemotePath parent = RemotePath.ofDecoded(folder.startsWith("/") ? folder : "/" + folder);
		return RemotePath.ofDecoded(parent + "/" + filename);
	}

	private static String decode(String key, String base64) {
		try {
			byte[] bytes = Base64.getDecoder().decode(base64);
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			throw GatewayProblems.badRequest("The Upload-Metadata value of '" + key + "' is not Base64 of UTF-8 text");
		}
	}

}
