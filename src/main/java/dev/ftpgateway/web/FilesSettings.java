package dev.ftpgateway.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The values the web layer needs from configuration, handed over as a bean by the {@code config}
 * package so that {@code web} never reads properties itself.
 *
 * @param bufferSize the copy buffer for one transfer, in bytes
 * @param retryAfter what a 503 for an exhausted session pool tells clients to wait
 * @param textCharset the charset {@code text/*} downloads are declared in, the FTP server's
 *        configured one: files written through it are in that encoding as far as anyone knows
 * @param digestEveryUpload whether every PUT answers the Repr-Digest of what it stored, or only
 *        one that asks with Want-Repr-Digest
 */
public record FilesSettings(int bufferSize, Duration retryAfter, Charset textCharset, boolean digestEveryUpload) {

	public FilesSettings {
		if (bufferSize < 512) {
			throw new IllegalArgumentException("bufferSize must be at least 512 bytes, got " + bufferSize);
		}
		if (retryAfter == null || retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must be zero or positive");
		}
		if (textCharset == null) {
			throw new IllegalArgumentException("textCharset must be set");
		}
	}

	/** Convenience for the common case: a 64 KiB buffer, a 2 second retry hint, UTF-8 text, every PUT digested. */
	public static FilesSettings defaults() {
		return new FilesSettings(64 * 1024, Duration.ofSeconds(2), StandardCharsets.UTF_8, true);
	}

}
