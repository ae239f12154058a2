package dev.ftpgateway.files;

/**
 * The bytes of an upload do not have the digest the caller gave for them. Nothing was stored
 * under the target name, and the bytes that were checked are removed.
 */
public final class DigestMismatchException extends RuntimeException {

	private final String algorithm;

	private final byte[] expected;

	private final byte[] actual;

	DigestMismatchException(String algorithm, byte[] expected, byte[] actual) {
		super("The body's " + algorithm + " digest does not match the one the request gave; nothing was stored");
		this.algorithm = algorithm;
		this.expected = expected.clone();
		this.actual = actual.clone();
	}

	/** The JDK's name of the hash, e.g. {@code SHA-256}. */
	public String algorithm() {
		return this.algorithm;
	}

	/** The digest the request gave. */
	public byte[] expected() {
		return this.expected.clone();
	}

	/** The digest of the bytes that arrived. */
	public byte[] actual() {
		return this.actual.clone();
	}

}
