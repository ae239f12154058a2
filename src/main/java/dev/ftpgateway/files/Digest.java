package dev.ftpgateway.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A digest of some bytes: one a caller says an upload has (checked while the bytes stream), or
 * one the gateway or the FTP server computed.
 *
 * @param algorithm the JDK's name of the hash, e.g. {@code SHA-256}
 * @param value the digest's bytes
 */
public record Digest(String algorithm, byte[] value) {

	public Digest {
		newDigest(algorithm);
		value = value.clone();
	}

	@Override
	public byte[] value() {
		return this.value.clone();
	}

	/** A fresh digest of this algorithm. */
	MessageDigest newDigest() {
		return newDigest(this.algorithm);
	}

	/** Whether {@code actual} is this digest, compared in constant time. */
	boolean matches(byte[] actual) {
		return MessageDigest.isEqual(this.value, actual);
	}

	/** A fresh digest of {@code algorithm}, a JDK name. */
	static MessageDigest newDigest(String algorithm) {
		try {
			return MessageDigest.getInstance(algorithm);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalArgumentException("no such digest algorithm: " + algorithm, ex);
		}
	}

}
