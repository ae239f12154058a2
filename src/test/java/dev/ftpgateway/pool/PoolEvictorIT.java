package dev.ftpgateway.pool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import dev.ftpgateway.testing.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each pool evicts on a thread of its own: a server that stopped answering holds up only its own
 * pool's eviction pass (a NOOP per idle session, each waiting out the reply timeout), never the
 * eviction of another server's pool, as commons-pool2's one shared evictor thread would.
 */
class PoolEvictorIT {

	private static final Duration EVERY_100_MS = Duration.ofMillis(100);

	@RegisterExtension
	final EmbeddedFtpServerExtension slowServer = new EmbeddedFtpServerExtension();

	@RegisterExtension
	final EmbeddedFtpServerExtension otherServer = new EmbeddedFtpServerExtension();

	private final List<AutoCloseable> resources = new ArrayList<>();

	/** In the order kept: the proxy first, which ends the slow pool's NOOPs at once. */
	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void aServerThatStoppedAnsweringDoesNotDelayAnotherPoolsEviction() throws Exception {
		FaultProxy proxy = keep(new FaultProxy(this.slowServer.port()));
		// Idle sessions are tested with NOOP at every pass, and kept for an hour otherwise.
		FtpSessionPool slow = keep(pool("slow", this.slowServer, proxy.port(), Duration.ofHours(1)));
		holdIdle(slow, 3);
		proxy.holdReplies();
		FtpSessionPool other = keep(pool("other", this.otherServer, this.otherServer.port(), Duration.ofMillis(50)));
		holdIdle(other, 1);
		// The slow pool's pass waits 3 x 10 s for its NOOPs; the other pool's must not wait with it.
		await().atMost(Duration.ofSeconds(5)).until(() -> other.destroyed() == 1);
		assertThat(other.idle()).isZero();
	}

	private static void holdIdle(FtpSessionPool pool, int sessions) throws Exception {
		List<Lease> leases = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			leases.add(pool.borrow());
		}
		leases.forEach(Lease::close);
	}

	private static FtpSessionPool pool(String name, EmbeddedFtpServerExtension ftp, int port, Duration minEvictableIdle) {
		Duration timeout = Duration.ofSeconds(10);
		ConnectionSettings connection = new ConnectionSettings(ftp.host(), port, ftp.user(), ftp.password(), true,
				StandardCharsets.UTF_8, timeout, timeout, timeout);
		return new FtpSessionPool(name, connection, new PoolSettings(3, 0, 3, timeout, EVERY_100_MS, minEvictableIdle,
				Duration.ZERO), FtpEventListener.NONE);
	}

	private <T extends AutoCloseable> T keep(T resource) {
		this.resources.add(resource);
		return resource;
	}

}
