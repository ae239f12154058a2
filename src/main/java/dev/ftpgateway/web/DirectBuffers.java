package dev.ftpgateway.web;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Direct buffers of one size, reused: allocating one zeroes it and leaves freeing it to a
 * garbage collection, which with a small heap may come long after the native memory ran short.
 * Keeps at most a fixed number idle; beyond that, buffers given back are left to the collector.
 */
final class DirectBuffers {

	private final int size;

	private final BlockingQueue<ByteBuffer> idle;

	DirectBuffers(int size, int maxIdle) {
		this.size = size;
		this.idle = new ArrayBlockingQueue<>(maxIdle);
	}

	/** A cleared buffer of the configured size. */
	ByteBuffer take() {
		ByteBuffer buffer = this.idle.poll();
		return (buffer != null) ? buffer.clear() : ByteBuffer.allocateDirect(this.size);
	}

	/** Gives a buffer back; it must not be used afterwards. */
	void give(ByteBuffer buffer) {
		this.idle.offer(buffer);
	}

}
