package dev.ftpgateway.transfers;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * One running transfer, as its own thread sees it: it reports the bytes it moves
 * ({@link #moved}), which is also where an operator's cancellation reaches it, says when only the
 * server's confirmation is left ({@link #finishing()}) and whether it succeeded
 * ({@link #completed()}), and is closed when it ended.
 */
public final class RunningTransfer implements AutoCloseable {

	private static final int RUNNING = 0;

	private static final int FINISHING = 1;

	private static final int CANCELLED = 2;

	private final String id;

	private final TransferStart start;

	private final Instant started;

	private final long startedNanos = System.nanoTime();

	private final LongConsumer bytesListener;

	private final BiConsumer<RunningTransfer, TransferOutcome> ended;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicInteger state = new AtomicInteger(RUNNING);

	private boolean completed;

	private boolean closed;

	RunningTransfer(String id, TransferStart start, Instant started, LongConsumer bytesListener,
			BiConsumer<RunningTransfer, TransferOutcome> ended) {
		this.id = id;
		this.start = start;
		this.started = started;
		this.bytesListener = bytesListener;
		this.ended = ended;
	}

	public String id() {
		return this.id;
	}

	public String server() {
		return this.start.server();
	}

	public TransferDirection direction() {
		return this.start.direction();
	}

	/**
	 * Counts {@code count} more bytes moved.
	 * @throws TransferCancelledException when an operator cancelled the transfer: the caller
	 *         stops and fails it
	 */
	public void moved(long count) throws TransferCancelledException {
		if (count > 0) {
			this.bytes.addAndGet(count);
			this.bytesListener.accept(count);
		}
		if (this.state.get() == CANCELLED) {
			throw new TransferCancelledException(this.id);
		}
	}

	/**
	 * Every byte has moved; what is left (the server's 226, an upload's move into place) is no
	 * longer cancelled, since stopping it then could leave a half-done result.
	 * @throws TransferCancelledException when it was cancelled before
	 */
	public void finishing() throws TransferCancelledException {
		if (!this.state.compareAndSet(RUNNING, FINISHING) && this.state.get() == CANCELLED) {
			throw new TransferCancelledException(this.id);
		}
	}

	/** The transfer succeeded: closing it ends it as {@link TransferOutcome#COMPLETED}. */
	public void completed() {
		this.completed = true;
	}

	/** Whether it succeeded ({@link #completed()}). */
	public boolean isCompleted() {
		return this.completed;
	}

	/** Whether an operator cancelled it. */
	public boolean isCancelled() {
		return this.state.get() == CANCELLED;
	}

	/**
	 * {@code out}, counting what is written through it as moved: one call turns any stream of a
	 * new feature (an archive, a listing) into a listed, counted and cancellable transfer.
	 */
	public OutputStream counting(OutputStream out) {
		return new FilterOutputStream(out) {

			@Override
			public void write(int b) throws IOException {
				this.out.write(b);
				moved(1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.out.write(b, off, len);
				moved(len);
			}

		};
	}

	/** Ends the transfer (once): completed, cancelled or failed, and takes it off the list. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.ended.accept(this, this.completed ? TransferOutcome.COMPLETED
				: isCancelled() ? TransferOutcome.CANCELLED : TransferOutcome.FAILED);
	}

	Cancellation cancel() {
		if (this.state.compareAndSet(RUNNING, CANCELLED) || this.state.get() == CANCELLED) {
			return Cancellation.CANCELLED;
		}
		return Cancellation.FINISHING;
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	TransferSnapshot snapshot() {
		long moved = this.bytes.get();
		long millis = Math.max(1, elapsed().toMillis());
		return new TransferSnapshot(this.id, this.start.server(), this.start.path(), this.start.direction().value(),
				moved, (this.start.expectedSize() >= 0) ? this.start.expectedSize() : null, moved * 1000 / millis,
				this.started, this.start.clientAddress(), this.start.caller(), this.start.requestId(),
				this.state.get() == FINISHING);
	}

}
