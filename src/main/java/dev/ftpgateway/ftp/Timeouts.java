package dev.ftpgateway.ftp;

import java.time.Duration;

/** Converts {@link Duration} timeouts to the int milliseconds of socket options. */
final class Timeouts {

	private Timeouts() {
	}

	/**
	 * The timeout in milliseconds; zero (wait forever) only for a zero duration, so a tiny
	 * positive duration never turns into "no timeout".
	 */
	static int millis(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("Negative timeout: " + timeout);
		}
		if (timeout.isZero()) {
			return 0;
		}
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
	}

}
