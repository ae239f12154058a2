package dev.ftpgateway.web;

import java.time.Duration;

/**
 * The values the web layer needs from configuration, handed over as a bean by the {@code config}
 * package so that {@code web} never reads properties itself.
 *
 * @param bufferSize the copy buffer for one transfer, in bytes
 * @param retryAfter what a 503 for an exhausted session pool tells clients to wait
 */
public record FilesSettings(int bufferSize, Duration retryAfter) {

	public FilesSettings {
		if (bufferSize < 512) {
			throw new IllegalArgumentException("bufferSize must be at least 512 bytes, got " + bufferSize);
		}
		if (retryAfter == null || retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must be zero or positive");
		}
	}

	/** Convenience for the common case: a 64 KiB buffer and a 2 second retry hint. */
	public static FilesSettings defaults() {
		return new FilesSettings(64 * 1024, Duration.ofSeconds(2));
	}

}
