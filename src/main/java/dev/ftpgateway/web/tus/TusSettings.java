package dev.ftpgateway.web.tus;

/**
 * What the tus endpoint needs from configuration, as plain values.
 *
 * @param maxSize the largest upload a client may create, announced as {@code Tus-Max-Size}
 */
public record TusSettings(long maxSize) {

	public TusSettings {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be positive, got " + maxSize);
		}
	}

}
