package dev.ftpgateway.transfers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunningTransfersTest {

	private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

	private final List<String> heard = new ArrayList<>();

	private final RunningTransfers transfers = new RunningTransfers(Clock.fixed(NOW, ZoneOffset.UTC),
			new TransferListener() {

				@Override
				public LongConsumer started(String server, TransferDirection direction) {
					RunningTransfersTest.this.heard.add("started " + server + " " + direction.value());
					return (bytes) -> RunningTransfersTest.this.heard.add("bytes " + bytes);
				}

				@Override
				public void ended(String server, TransferDirection direction, TransferOutcome outcome,
						Duration duration) {
					RunningTransfersTest.this.heard.add("ended " + server + " " + outcome.value());
				}

			});

	@Test
	void aRunningTransferIsListedWithWhatIsKnownOfItAndTheBytesMovedSoFar() throws IOException {
		try (RunningTransfer transfer = download("alpha", "/a.bin")) {
			transfer.moved(100);
			transfer.moved(50);
			assertThat(this.transfers.list()).singleElement().satisfies((listed) -> {
				assertThat(listed.id()).isEqualTo(transfer.id());
				assertThat(listed.server()).isEqualTo("alpha");
				assertThat(listed.path()).isEqualTo("/a.bin");
				assertThat(listed.direction()).isEqualTo("download");
				assertThat(listed.bytes()).isEqualTo(150);
				assertThat(listed.expectedSize()).isEqualTo(1000);
				assertThat(listed.started()).isEqualTo(NOW);
				assertThat(listed.clientAddress()).isEqualTo("127.0.0.1");
				assertThat(listed.caller()).isEqualTo("api-key:reader");
				assertThat(listed.requestId()).isEqualTo("request-1");
				assertThat(listed.bytesPerSecond()).isNotNegative();
				assertThat(listed.finishing()).isFalse();
			});
			transfer.completed();
		}
		assertThat(this.transfers.list()).isEmpty();
		assertThat(this.heard).containsExactly("started alpha download", "bytes 100", "bytes 50",
				"ended alpha completed");
	}

	@Test
	void eachServersTransfersCanBeAskedFor() {
		try (RunningTransfer a = download("alpha", "/a.bin"); RunningTransfer b = download("beta", "/b.bin")) {
			assertThat(this.transfers.running("beta")).extracting(TransferSnapshot::id).containsExactly(b.id());
			assertThat(this.transfers.running("alpha")).extracting(TransferSnapshot::id).containsExactly(a.id());
			assertThat(this.transfers.running("gamma")).isEmpty();
		}
	}

	@Test
	void aCancelledTransferFailsAtItsNextReadOrWriteAndEndsAsCancelled() throws IOException {
		try (RunningTransfer transfer = download("alpha", "/a.bin")) {
			transfer.moved(10);
			assertThat(this.transfers.cancel(transfer.id())).isEqualTo(Cancellation.CANCELLED);
			assertThat(transfer.isCancelled()).isTrue();
			assertThatExceptionOfType(TransferCancelledException.class).isThrownBy(() -> transfer.moved(10))
				.withMessageContaining(transfer.id());
			assertThatExceptionOfType(TransferCancelledException.class).isThrownBy(transfer::finishing);
		}
		assertThat(this.heard).last().isEqualTo("ended alpha cancelled");
		assertThat(this.transfers.list()).isEmpty();
	}

	@Test
	void aTransferWhoseBytesHaveAllMovedIsNoLongerCancelled() throws IOException {
		try (RunningTransfer transfer = download("alpha", "/a.bin")) {
			transfer.finishing();
			assertThat(this.transfers.list()).singleElement().extracting(TransferSnapshot::finishing).isEqualTo(true);
			assertThat(this.transfers.cancel(transfer.id())).isEqualTo(Cancellation.FINISHING);
			transfer.moved(0);
			transfer.completed();
		}
		assertThat(this.heard).last().isEqualTo("ended alpha completed");
	}

	@Test
	void anUnknownIdIsNotFound() {
		assertThat(this.transfers.cancel("no-such-transfer")).isEqualTo(Cancellation.NOT_FOUND);
	}

	@Test
	void aTransferClosedWithoutCompletingFailedAndEndsOnce() {
		RunningTransfer transfer = download("alpha", "/a.bin");
		transfer.close();
		transfer.close();
		assertThat(this.heard).containsExactly("started alpha download", "ended alpha failed");
	}

	@Test
	void aCountingStreamCountsWhatPassesAndStopsWhenCancelled() throws IOException {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		try (RunningTransfer transfer = listing()) {
			OutputStream out = transfer.counting(sink);
			out.write(new byte[7]);
			out.write('x');
			assertThat(this.transfers.list()).singleElement().extracting(TransferSnapshot::bytes).isEqualTo(8L);
			this.transfers.cancel(transfer.id());
			assertThatExceptionOfType(TransferCancelledException.class).isThrownBy(() -> out.write(new byte[3]));
		}
		assertThat(this.transfers.list()).isEmpty();
	}

	private RunningTransfer download(String server, String path) {
		return this.transfers.start(new TransferStart(server, path, TransferDirection.DOWNLOAD, 1000, "127.0.0.1",
				"api-key:reader", "request-1"));
	}

	private RunningTransfer listing() {
		return this.transfers.start(new TransferStart("alpha", "/", TransferDirection.LISTING, -1, "127.0.0.1", null,
				"request-2"));
	}

}
