package dev.ftpgateway.transfers;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transfers running now, on every server: each one is {@link #start started} as its bytes
 * start to flow and leaves the list when it is {@link RunningTransfer#close() closed}. Safe to use
 * from any thread; costs one map entry per running transfer.
 */
public final class RunningTransfers {

	private final Map<String, RunningTransfer> running = new ConcurrentHashMap<>();

	private final Clock clock;

	private final TransferListener listener;

	/**
	 * @param clock what the transfer list's start times come from
	 * @param listener hears transfers start, move bytes and end, for metrics
	 */
	public RunningTransfers(Clock clock, TransferListener listener) {
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Registers a transfer whose bytes start to flow now. Close what it returns when the transfer
	 * ended, however it ended (try-with-resources), after {@link RunningTransfer#completed()} if
	 * it succeeded.
	 */
	public RunningTransfer start(TransferStart start) {
		// Random rather than sequential: an id seen in one replica's list must not cancel another's transfer.
		String id = UUID.randomUUID().toString();
		RunningTransfer transfer = new RunningTransfer(id, start, this.clock.instant(),
				this.listener.started(start.server(), start.direction()), this::ended);
		this.running.put(id, transfer);
		return transfer;
	}

	private void ended(RunningTransfer transfer, TransferOutcome outcome) {
		this.running.remove(transfer.id());
		this.listener.ended(transfer.server(), transfer.direction(), outcome, transfer.elapsed());
	}

	/** Every running transfer, the oldest first. */
	public List<TransferSnapshot> list() {
		return this.running.values()
			.stream()
			.map(RunningTransfer::snapshot)
			.sorted(Comparator.comparing(TransferSnapshot::started))
			.toList();
	}

	/** The running transfers of one server, the oldest first. */
	public List<TransferSnapshot> running(String server) {
		return list().stream().filter((transfer) -> transfer.server().equals(server)).toList();
	}

	/** Asks the transfer {@code id} to stop: it fails at its next read or write, with nothing half-written. */
	public Cancellation cancel(String id) {
		RunningTransfer transfer = this.running.get(id);
		return (transfer != null) ? transfer.cancel() : Cancellation.NOT_FOUND;
	}

}
