package dev.ftpgateway.web.tus;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.files.Digest;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The tus checksum extension's {@code Upload-Checksum} header: an algorithm and the Base64 digest
 * of the request's body, e.g. {@code sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=}.
 */
final class UploadChecksum {

	/** The algorithms announced in {@code Tus-Checksum-Algorithm}, by their tus names. */
	static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512",
			"md5", "MD5");

	static final String HEADER = "Upload-Checksum";

	/** The value of {@code Tus-Checksum-Algorithm}. */
	static final String ANNOUNCED = "sha1,sha256,sha512,md5";

	private UploadChecksum() {
	}

	/**
	 * The digest the header asks for; empty without the header.
	 * @throws org.springframework.web.ErrorResponseException 400 for an algorithm not supported,
	 *         or a value that is not an algorithm and Base64
	 */
	static Optional<Digest> parse(String header) {
		if (header == null) {
			return Optional.empty();
		}
		String[] parts = header.trim().split(" ");
		if (parts.length != 2) {
			throw GatewayProblems.badRequest("Upload-Checksum must be an algorithm and a Base64 digest, such as"
					+ " 'sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
		}
		String algorithm = ALGORITHMS.get(parts[0].toLowerCase(Locale.ROOT));
		if (algorithm == null) {
			throw GatewayProblems.badRequest("Upload-Checksum algorithm '" + parts[0] + "' is not supported; use one"
					+ " of " + ANNOUNCED);
		}
		try {
			return Optional.of(new Digest(algorithm, Base64.getDecoder().decode(parts[1])));
		}
		catch (IllegalArgumentException ex) {
			throw GatewayProblems.badRequest("The Upload-Checksum digest is not Base64");
		}
	}

}
