package dev.ftpgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ftpgateway.files.RemotePath;

/**
 * Signs and verifies share links without storing them: a link's token names its access, expiry
 * and path, and carries an HMAC-SHA256 of them (and of the HTTP methods the access allows) under
 * the gateway's secret, so every replica with the same secret verifies every link, and changing
 * any part of it breaks the signature.
 * <p>
 * A token reads {@code ACCESS.EXPIRES.PATH.SIGNATURE}: {@code read} or {@code write}, the expiry
 * in seconds since the epoch, the path as unpadded base64url of its UTF-8 bytes, and the
 * signature as unpadded base64url. Every character is URL-safe, so a token goes into a query
 * string as it is.
 */
public final class ShareTokens {

	/** The shortest secret accepted: as many bytes as the HMAC-SHA256 output, RFC 2104's recommended least. */
	public static final int MIN_SECRET_BYTES = 32;

	private static final String ALGORITHM = "HmacSHA256";

	/** Tells these MACs apart from any other the same secret might ever sign. */
	private static final String PURPOSE = "ftp-gateway share link v1";

	private static final Pattern TOKEN = Pattern
		.compile("(read|write)\\.([0-9]{1,12})\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]{43})");

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	/**
	 * @param secret the signing key, at least {@value #MIN_SECRET_BYTES} bytes
	 * @throws IllegalArgumentException for a shorter secret
	 */
	public ShareTokens(byte[] secret) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("The share link secret (ftp-gateway.shares.secret) is " + secret.length
					+ " bytes long; it must be at least " + MIN_SECRET_BYTES
					+ " bytes, e.g. the output of: openssl rand -base64 32");
		}
		this.key = new SecretKeySpec(secret, ALGORITHM);
	}

	/** The token of a link granting {@code grant}. */
	public String sign(ShareGrant grant) {
		byte[] path = grant.canonicalPath().getBytes(StandardCharsets.UTF_8);
		long expires = grant.expiresAt().getEpochSecond();
		return grant.access().value() + "." + expires + "." + ENCODER.encodeToString(path) + "."
				+ ENCODER.encodeToString(mac(grant.access(), expires, path));
	}

	/**
	 * What a token grants at {@code now}.
	 * @throws InvalidShareLinkException when it is not a token, its signature does not match
	 *         (any part altered, or signed with another secret), or it has expired
	 */
	public ShareGrant verify(String token, Instant now) throws InvalidShareLinkException {
		Matcher parts = TOKEN.matcher(token);
		if (!parts.matches()) {
			throw altered();
		}
		ShareGrant.Access access = ShareGrant.Access.valueOf(parts.group(1).toUpperCase(Locale.ROOT));
		long expires = Long.parseLong(parts.group(2));
		byte[] path;
		byte[] signature;
		try {
			path = DECODER.decode(parts.group(3));
			signature = DECODER.decode(parts.group(4));
		}
		catch (IllegalArgumentException ex) {
			throw altered();
		}
		// Constant time: how much of a forged signature matches must not show in the response time.
		if (!MessageDigest.isEqual(mac(access, expires, path), signature)) {
			throw altered();
		}
		Instant expiresAt = Instant.ofEpochSecond(expires);
		if (!now.isBefore(expiresAt)) {
			throw new InvalidShareLinkException("The share link expired at " + expiresAt);
		}
		try {
			return new ShareGrant(RemotePath.ofDecoded(new String(path, StandardCharsets.UTF_8)), access, expiresAt);
		}
		catch (IllegalArgumentException ex) {
			// Signed with this secret, yet no grant this gateway signs (an invalid path, a write
			// link to a folder): not one of its links.
			throw altered();
		}
	}

	/**
	 * The MAC over the link's parts, one per line. Only canonical paths are ever signed, and they
	 * hold no line break (paths with control characters are refused), so no two grants share an
	 * input; the path comes last all the same.
	 */
	private byte[] mac(ShareGrant.Access access, long expires, byte[] path) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update((PURPOSE + "\n" + String.join(" ", access.methods()) + "\n" + access.value() + "\n" + expires
					+ "\n").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(path);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static InvalidShareLinkException altered() {
		return new InvalidShareLinkException(
				"The share link is not valid: it was altered, or signed with a secret this gateway no longer has");
	}

}
