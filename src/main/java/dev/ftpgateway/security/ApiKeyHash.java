package dev.ftpgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API keys and the {@code {sha256}hex} form the settings store them in. Uses only the JDK,
 * so it runs straight from its source file without a build:
 *
 * <pre>
 * java src/main/java/dev/ftpgateway/security/ApiKeyHash.java          # a new key and its hash
 * java src/main/java/dev/ftpgateway/security/ApiKeyHash.java KEY      # the hash of KEY
 * </pre>
 *
 * SHA-256 rather than bcrypt: generated keys carry 256 random bits, so nothing is gained by a
 * slow hash, and a fast one lets every request find its key with one digest and a map lookup.
 */
public final class ApiKeyHash {

	/** The prefix that names the hash function in settings, as Spring's password encoders do. */
	public static final String PREFIX = "{sha256}";

	private static final SecureRandom random = new SecureRandom();

	private ApiKeyHash() {
	}

	/** A new random key: 32 bytes, base64url without padding (no dots, so never mistaken for a JWT). */
	public static String newKey() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The settings form of {@code key}: {@code {sha256}} and the lower-case hex digest of its UTF-8 bytes. */
	public static String of(String key) {
		return PREFIX + HexFormat.of().formatHex(digest(key));
	}

	static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	public static void main(String[] args) {
		if (args.length > 0) {
			System.out.println(of(args[0]));
			return;
		}
		String key = newKey();
		System.out.println("key:  " + key);
		System.out.println("hash: " + of(key));
	}

}
