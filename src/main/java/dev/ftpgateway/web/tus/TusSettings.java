package dev.ftpgateway.web.tus;

import java.time.Duration;

/**
 * What the tus endpoint needs from configuration, as plain values.
 *
 * @param maxSize the largest upload a client may create, announced as {@code Tus-Max-Size}
 * @param expiry how long an upload lasts after it was created or last received bytes
 */
public record TusSettings(long maxSize, Duration expiry) {

	public TusSettings {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be positive, got " + maxSize);
		}
		if (expiry.isNegative() || expiry.isZero()) {
			throw new IllegalArgumentException("expiry must be positive, got " + expiry);
		}
	}

}
