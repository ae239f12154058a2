package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * SO_TIMEOUT for blocking {@link SocketChannel} reads, which ignore it: a shared daemon thread
 * closes the channel of a read that has been blocked for longer than the timeout, which ends
 * that read with an {@link java.nio.channels.AsynchronousCloseException}. Only time spent inside
 * a read counts, as with SO_TIMEOUT: a caller that is slow between reads (its own client reads
 * slowly) is not a stalled server. Checked four times per timeout, so a stall ends within 1.25
 * timeouts.
 */
final class ChannelReadTimeout implements Closeable {

	private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "ftp-channel-read-timeout");
		thread.setDaemon(true);
		return thread;
	});

	private static final long NOT_READING = 0;

	private final SocketChannel channel;

	private final long timeoutNanos;

	private final ScheduledFuture<?> check;

	/** When the read in progress began ({@link System#nanoTime()}), or {@link #NOT_READING}. */
	private volatile long readingSince = NOT_READING;

	private volatile boolean expired;

	ChannelReadTimeout(SocketChannel channel, Duration timeout) {
		this.channel = channel;
		this.timeoutNanos = timeout.toNanos();
		long period = Math.max(1, timeout.toMillis() / 4);
		this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/** Called before each read. */
	void reading() {
		long now = System.nanoTime();
		// nanoTime may be 0 itself; any other value marks a read just as well.
		this.readingSince = (now != NOT_READING) ? now : 1;
	}

	/** Called after each read, however it ended. */
	void idle() {
		this.readingSince = NOT_READING;
	}

	/** Whether this timeout closed the channel: a read that failed since did so because of it. */
	boolean expired() {
		return this.expired;
	}

	private void check() {
		long since = this.readingSince;
		if (since == NOT_READING || System.nanoTime() - since < this.timeoutNanos) {
			return;
		}
		this.expired = true;
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closing is how the read is ended; a channel that fails to close has ended it too.
		}
		// Read here, not in the constructor's thread: null only if the first check beat the assignment.
		ScheduledFuture<?> scheduled = this.check;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	@Override
	public void close() {
		this.check.cancel(false);
	}

}
