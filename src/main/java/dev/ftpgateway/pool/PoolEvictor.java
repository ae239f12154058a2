package dev.ftpgateway.pool;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one pool's eviction passes on a daemon thread of its own. commons-pool2 runs the evictors
 * of every pool in the JVM on one shared thread, where checking the idle sessions of an FTP server
 * that answers slowly (each NOOP may wait the whole reply timeout) would hold up the eviction of
 * every other server's pool.
 */
final class PoolEvictor implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(PoolEvictor.class.getName());

	private final ScheduledExecutorService thread;

	/**
	 * @param name the thread's name, e.g. {@code ftp-pool-evictor-partner-a}
	 * @param interval the time between the end of one pass and the start of the next
	 * @param pass one eviction pass: close sessions idle too long, test the others
	 */
	PoolEvictor(String name, Duration interval, Pass pass) {
		this.thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread evictor = new Thread(runnable, name);
			evictor.setDaemon(true);
			return evictor;
		});
		long millis = interval.toMillis();
		this.thread.scheduleWithFixedDelay(() -> run(name, pass), millis, millis, TimeUnit.MILLISECONDS);
	}

	private static void run(String name, Pass pass) {
		try {
			pass.run();
		}
		catch (Exception ex) {
			// A failed pass must not end the schedule: the next one may well succeed.
			logger.log(Level.DEBUG, () -> name + ": eviction pass failed (" + ex + ")");
		}
	}

	/** Stops the schedule; a pass under way finishes on its daemon thread. */
	@Override
	public void close() {
		this.thread.shutdownNow();
	}

	/** One eviction pass. */
	@FunctionalInterface
	interface Pass {

		void run() throws Exception;

	}

}
