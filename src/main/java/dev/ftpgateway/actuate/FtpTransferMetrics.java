package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.transfers.TransferListener;
import dev.ftpgateway.transfers.TransferOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns the gateway's transfers into meters tagged with the server and the direction
 * ({@code download}, {@code upload}, {@code listing}), counted while they run, not only when
 * they end: {@code ftp.gateway.transfers.started}, the {@code ftp.gateway.transfer.bytes}
 * counter incremented as bytes flow, and the {@code ftp.gateway.transfers} timer of their
 * durations, tagged with the outcome too ({@code completed}, {@code failed}, {@code cancelled}),
 * with histogram buckets from a tenth of a second to an hour ({@link #DURATION_BUCKETS}).
 */
public class FtpTransferMetrics implements TransferListener {

	/** Fixed and few, since every server, direction and outcome multiplies them. */
	static final Duration[] DURATION_BUCKETS = { Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
			Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1) };

	private final MeterRegistry registry;

	/** By server and direction; each meter looked up once, since bytes are counted on every read. */
	private final Map<Flow, Counter> started = new ConcurrentHashMap<>();

	private final Map<Flow, Counter> bytes = new ConcurrentHashMap<>();

	private final Map<Ending, Timer> durations = new ConcurrentHashMap<>();

	public FtpTransferMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public LongConsumer started(String server, TransferDirection direction) {
		Flow flow = new Flow(server, direction);
		this.started.computeIfAbsent(flow, (key) -> Counter.builder("ftp.gateway.transfers.started")
			.description("Transfers started")
			.tag("server", server)
			.tag("direction", direction.value())
			.register(this.registry)).increment();
		Counter counter = this.bytes.computeIfAbsent(flow, (key) -> Counter.builder("ftp.gateway.transfer.bytes")
			.description("Bytes moved by transfers, counted as they flow")
			.baseUnit("bytes")
			.tag("server", server)
			.tag("direction", direction.value())
			.register(this.registry));
		return counter::increment;
	}

	@Override
	public void ended(String server, TransferDirection direction, TransferOutcome outcome, Duration duration) {
		this.durations.computeIfAbsent(new Ending(server, direction, outcome), (key) -> Timer
			.builder("ftp.gateway.transfers")
			.description("Transfers from their first byte to their end")
			.tag("server", server)
			.tag("direction", direction.value())
			.tag("outcome", outcome.value())
			.serviceLevelObjectives(DURATION_BUCKETS)
			.register(this.registry)).record(duration);
	}

	private record Flow(String server, TransferDirection direction) {
	}

	private record Ending(String server, TransferDirection direction, TransferOutcome outcome) {
	}

}
