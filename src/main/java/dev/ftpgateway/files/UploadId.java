package dev.ftpgateway.files;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one resumable upload without any state in the gateway: the file it becomes, its length,
 * and the random nonce its hidden files are named after ({@link UploadFiles}, in the target's
 * folder). Its text form is {@code NONCE.LENGTH.BASE64URL(target)}: any gateway can find the upload
 * from it, and tell a completed one (its partial file moved onto a target of that length) from
 * one that never was. The target passes the same path rules as every other path, so an id points
 * at nothing a caller could not write anyway; the 128-bit nonce keeps one caller's upload out of
 * another's reach.
 *
 * @param target the file the upload becomes
 * @param length the bytes it holds once complete
 * @param nonce 32 lower-case hex digits
 */
public record UploadId(RemotePath target, long length, String nonce) {

	private static final Pattern TEXT = Pattern.compile("([0-9a-f]{32})\\.([0-9]{1,18})\\.([A-Za-z0-9_-]+)");

	private static final SecureRandom random = new SecureRandom();

	public UploadId {
		if (target.isRoot() || length < 0 || !UploadFiles.NONCE.matcher(nonce).matches()) {
			throw new IllegalArgumentException("not an upload: " + target + ", " + length + ", '" + nonce + "'");
		}
	}

	/** A new id for an upload of {@code length} bytes that becomes {@code target}. */
	static UploadId random(RemotePath target, long length) {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		return new UploadId(target, length, HexFormat.of().formatHex(nonce));
	}

	/**
	 * Reads an id's text form; empty when it is not one, or when its target breaks the path rules.
	 */
	public static Optional<UploadId> parse(String text) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			String target = new String(Base64.getUrlDecoder().decode(matcher.group(3)), StandardCharsets.UTF_8);
			if (!target.startsWith("/")) {
				return Optional.empty();
			}
			RemotePath path = RemotePath.ofDecoded(target);
			if (path.isRoot() || path.hasTrailingSlash()) {
				return Optional.empty();
			}
			return Optional.of(new UploadId(path, Long.parseLong(matcher.group(2)), matcher.group(1)));
		}
		catch (IllegalArgumentException ex) {
			// Not Base64, or a path the path rules refuse (InvalidRemotePathException is one).
			return Optional.empty();
		}
	}

	/** The text form, safe in a URL path segment. */
	public String text() {
		byte[] target = this.target.toString().getBytes(StandardCharsets.UTF_8);
		return this.nonce + "." + this.length + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(target);
	}

	/** The folder the upload is written in. */
	public RemotePath folder() {
		return this.target.parent();
	}

	UploadFiles files() {
		return new UploadFiles(folder(), this.nonce);
	}

	/** The hidden file the bytes arrive in. */
	RemotePath partial() {
		return files().partial();
	}

	/** The hidden file that remembers the upload's length, creation time and metadata. */
	RemotePath companion() {
		return files().companion();
	}

	/** The hidden file a chunk with a checksum waits in until it is checked. */
	RemotePath chunk() {
		return files().chunk();
	}

}
