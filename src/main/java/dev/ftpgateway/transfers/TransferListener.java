package dev.ftpgateway.transfers;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Hears transfers start, move bytes and end, for metrics. Called on the transfer's own thread,
 * once per read or write for bytes: implementations must be quick and must not throw.
 */
public interface TransferListener {

	/** Hears nothing. */
	TransferListener NONE = new TransferListener() {
	};

	/**
	 * A transfer started.
	 * @return what hears its bytes as they move
	 */
	default LongConsumer started(String server, TransferDirection direction) {
		return (bytes) -> {
		};
	}

	/** A transfer ended, {@code duration} after it started. */
	default void ended(String server, TransferDirection direction, TransferOutcome outcome, Duration duration) {
	}

}
