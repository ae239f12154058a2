package dev.ftpgateway.web.transfer;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers for transfers, reused: allocating one zeroes it and leaves freeing it to a
 * garbage collection, which with a small heap may come long after the native memory ran short.
 * <p>
 * The first transfers at a time get large buffers, since the CPU a transfer costs per byte
 * falls with the size of each read and write of the data connection (src/bench/RESULTS.md,
 * "2 MiB direct buffers for the first 4 transfers at a time"); beyond a fixed number in use at
 * once, a transfer gets a buffer of the normal size, so many concurrent transfers cost no more
 * native memory than a small fixed amount more than with normal buffers alone.
 */
final class DirectBuffers {

	private final Tier normal;

	private final Tier large;

	private final int maxLargeInUse;

	private final AtomicInteger largeInUse = new AtomicInteger();

	/**
	 * @param size the normal buffer size
	 * @param largeSize the size of the first {@code maxLargeInUse} buffers in use at once; no
	 *        larger than {@code size} means every buffer is of the normal size
	 * @param maxIdle how many buffers of each size to keep for reuse
	 */
	DirectBuffers(int size, int largeSize, int maxLargeInUse, int maxIdle) {
		this.normal = new Tier(size, maxIdle);
		this.large = new Tier(Math.max(size, largeSize), maxIdle);
		this.maxLargeInUse = (largeSize > size) ? maxLargeInUse : 0;
	}

	/** A cleared buffer: a large one while fewer than the maximum are in use, else a normal one. */
	ByteBuffer take() {
		if (this.largeInUse.incrementAndGet() <= this.maxLargeInUse) {
			return this.large.take();
		}
		this.largeInUse.decrementAndGet();
		return this.normal.take();
	}

	/** Gives back a buffer from {@link #take()}; it must not be used afterwards. */
	void give(ByteBuffer buffer) {
		if (buffer.capacity() == this.large.size && this.maxLargeInUse > 0) {
			this.largeInUse.decrementAndGet();
			this.large.give(buffer);
		}
		else {
			this.normal.give(buffer);
		}
	}

	/** Buffers of one size; at most a fixed number kept idle, the rest left to the collector. */
	private static final class Tier {

		private final int size;

		private final BlockingQueue<ByteBuffer> idle;

		Tier(int size, int maxIdle) {
			this.size = size;
			this.idle = new ArrayBlockingQueue<>(maxIdle);
		}

		ByteBuffer take() {
			ByteBuffer buffer = this.idle.poll();
			return (buffer != null) ? buffer.clear() : ByteBuffer.allocateDirect(this.size);
		}

		void give(ByteBuffer buffer) {
			this.idle.offer(buffer);
		}

	}

}
