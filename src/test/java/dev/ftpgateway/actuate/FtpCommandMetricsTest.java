package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class FtpCommandMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FtpCommandMetrics metrics = new FtpCommandMetrics(this.registry, "partner-a");

	@Test
	void eachCommandIsTimedUnderItsVerbAndReplyClass() {
		this.metrics.commandCompleted("RETR", 150, Duration.ofMillis(3));
		this.metrics.commandCompleted("RETR", 150, Duration.ofMillis(5));
		this.metrics.commandCompleted("RETR", 550, Duration.ofMillis(1));
		this.metrics.commandCompleted("SIZE", -1, Duration.ofMillis(7));
		assertThat(this.registry.get("ftp.commands").tags("server", "partner-a", "command", "RETR", "reply", "1xx").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get("ftp.commands").tags("command", "RETR", "reply", "1xx").timer().totalTime(
				TimeUnit.MILLISECONDS)).isEqualTo(8);
		assertThat(this.registry.get("ftp.commands").tags("command", "RETR", "reply", "5xx").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("ftp.commands").tags("command", "SIZE", "reply", "none").timer().count())
			.isEqualTo(1);
	}

	@Test
	void eachServersCommandsAndBytesCarryItsName() {
		new FtpCommandMetrics(this.registry, "partner-b").commandCompleted("RETR", 150, Duration.ofMillis(2));
		new FtpCommandMetrics(this.registry, "partner-b").transferCompleted("RETR", 7, true);
		assertThat(this.registry.get("ftp.commands").tags("server", "partner-b", "command", "RETR").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.find("ftp.commands").tags("server", "partner-a", "command", "RETR").timer()).isNull();
		assertThat(this.registry.get("ftp.transfer.bytes")
			.tags("server", "partner-b", "direction", "download", "outcome", "success")
			.counter()
			.count()).isEqualTo(7);
		assertThat(bytes("download", "success")).isZero();
	}

	@Test
	void commandTimesFallIntoFixedHistogramBucketsForPercentiles() {
		this.metrics.commandCompleted("RETR", 150, Duration.ofMillis(3));
		this.metrics.commandCompleted("RETR", 150, Duration.ofMillis(200));
		assertThat(this.registry.get("ftp.commands").tags("command", "RETR").timer().takeSnapshot().histogramCounts())
			.extracting((bucket) -> (long) bucket.bucket(TimeUnit.MILLISECONDS), (bucket) -> (long) bucket.count())
			.startsWith(tuple(5L, 1L), tuple(25L, 1L),
					tuple(100L, 1L), tuple(250L, 2L));
	}

	@Test
	void aVerbOutsideTheKnownListIsTimedAsOther() {
		this.metrics.commandCompleted("SITE", 200, Duration.ofMillis(1));
		this.metrics.commandCompleted("XCUSTOM", 200, Duration.ofMillis(1));
		assertThat(this.registry.get("ftp.commands").tags("command", "OTHER", "reply", "2xx").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.find("ftp.commands").tag("command", "SITE").timer()).isNull();
	}

	@Test
	void transferredBytesAreCountedByDirectionAndOutcome() {
		this.metrics.transferCompleted("RETR", 1024, true);
		this.metrics.transferCompleted("RETR", 10, false);
		this.metrics.transferCompleted("STOR", 300, true);
		this.metrics.transferCompleted("APPE", 5, false);
		assertThat(bytes("download", "success")).isEqualTo(1024);
		assertThat(bytes("download", "failure")).isEqualTo(10);
		assertThat(bytes("upload", "success")).isEqualTo(300);
		assertThat(bytes("upload", "failure")).isEqualTo(5);
	}

	@Test
	void transferCountersExistAtZeroBeforeTheFirstTransferSoAFailureRateCanBeComputed() {
		assertThat(bytes("download", "failure")).isZero();
		assertThat(bytes("upload", "failure")).isZero();
	}

	private double bytes(String direction, String outcome) {
		return this.registry.get("ftp.transfer.bytes")
			.tags("server", "partner-a", "direction", direction, "outcome", outcome)
			.counter()
			.count();
	}

}
