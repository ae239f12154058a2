package dev.ftpgateway.config;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.files.PartialUploads;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Removes expired uploads every interval on one daemon thread, first one interval after start,
 * so gateways started together do not all sweep at once at boot; an interval of 0 sweeps never.
 */
final class UploadSweep implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(UploadSweep.class);

	private final @Nullable ScheduledExecutorService executor;

	private UploadSweep(@Nullable ScheduledExecutorService executor) {
		this.executor = executor;
	}

	/** No sweep: there are no resumable uploads to sweep. */
	static UploadSweep none() {
		return new UploadSweep(null);
	}

	static UploadSweep start(PartialUploads uploads, Duration interval) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("ftp-gateway.uploads.sweep-interval must be positive, or 0 for none");
		}
		if (interval.isZero()) {
			return none();
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "upload-sweep");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		executor.scheduleWithFixedDelay(() -> sweep(uploads), millis, millis, TimeUnit.MILLISECONDS);
		return new UploadSweep(executor);
	}

	private static void sweep(PartialUploads uploads) {
		try {
			int removed = uploads.sweep(Instant.now());
			if (removed > 0) {
				logger.info("Removed " + removed + " expired upload(s)");
			}
		}
		catch (IOException | RuntimeException ex) {
			// The next run tries again; an FTP server that is down now is no reason to stop sweeping.
			logger.warn("Sweeping expired uploads failed: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
