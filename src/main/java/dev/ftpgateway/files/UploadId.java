package dev.ftpgateway.files;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one partial upload without any state in the gateway: the folder it is written in and
 * the random nonce its hidden files are named after ({@code .tus-NONCE} holds the bytes,
 * {@code .tus-NONCE.info} what the upload must remember). Its text form is
 * {@code NONCE.BASE64URL(folder)}: any gateway can find the upload from it, and the folder in it
 * passes the same path rules as every other path, so an id points at nothing a caller could not
 * write anyway; the 128-bit nonce keeps one caller's upload out of another's reach.
 *
 * @param folder the folder the upload is written in
 * @param nonce 32 lower-case hex digits
 */
public record UploadId(RemotePath folder, String nonce) {

	private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern TEXT = Pattern.compile("([0-9a-f]{32})\\.([A-Za-z0-9_-]+)");

	private static final String PREFIX = ".tus-";

	private static final String COMPANION = ".info";

	private static final String CHUNK = ".chunk";

	private static final SecureRandom random = new SecureRandom();

	public UploadId {
		if (!NONCE.matcher(nonce).matches()) {
			throw new IllegalArgumentException("not an upload nonce: '" + nonce + "'");
		}
	}

	/** A new id for an upload into {@code folder}. */
	static UploadId random(RemotePath folder) {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		return new UploadId(folder, HexFormat.of().formatHex(nonce));
	}

	/**
	 * Reads an id's text form; empty when it is not one, or when its folder breaks the path rules.
	 */
	public static Optional<UploadId> parse(String text) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			String folder = new String(Base64.getUrlDecoder().decode(matcher.group(2)), StandardCharsets.UTF_8);
			if (!folder.startsWith("/")) {
				return Optional.empty();
			}
			return Optional.of(new UploadId(RemotePath.ofDecoded(folder), matcher.group(1)));
		}
		catch (IllegalArgumentException ex) {
			// Not Base64, or a folder the path rules refuse (InvalidRemotePathException is one).
			return Optional.empty();
		}
	}

	/** Whether {@code name} is the companion file of some upload, and so marks one. */
	static Optional<String> nonceOfCompanion(String name) {
		if (!name.startsWith(PREFIX) || !name.endsWith(COMPANION)) {
			return Optional.empty();
		}
		String nonce = name.substring(PREFIX.length(), name.length() - COMPANION.length());
		return NONCE.matcher(nonce).matches() ? Optional.of(nonce) : Optional.empty();
	}

	/** The text form, safe in a URL path segment. */
	public String text() {
		byte[] folder = this.folder.toString().getBytes(StandardCharsets.UTF_8);
		return this.nonce + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(folder);
	}

	/** The hidden file the bytes arrive in. */
	RemotePath partial() {
		return this.folder.resolve(PREFIX + this.nonce);
	}

	/** The hidden file that remembers the upload's target, length and metadata. */
	RemotePath companion() {
		return this.folder.resolve(PREFIX + this.nonce + COMPANION);
	}

	/** The hidden file a chunk with a checksum waits in until it is checked. */
	RemotePath chunk() {
		return this.folder.resolve(PREFIX + this.nonce + CHUNK);
	}

}
