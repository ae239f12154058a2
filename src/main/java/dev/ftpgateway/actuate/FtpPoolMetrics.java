package dev.ftpgateway.actuate;

import java.util.Locale;

import dev.ftpgateway.pool.FtpSessionPool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes a session pool's state, tagged with its server's name: {@code ftp.pool.active},
 * {@code ftp.pool.idle}, {@code ftp.pool.waiting} and {@code ftp.pool.max} gauges, and
 * {@code ftp.pool.opened} and {@code ftp.pool.closed} counters (a fast-growing closed count
 * means sessions keep breaking). Bound by name rather than through JMX, so the names do not depend on which
 * pools happen to be registered. Not "created": Prometheus reserves the {@code _created}
 * suffix for counter timestamps.
 */
public class FtpPoolMetrics implements MeterBinder {

	private final String server;

	private final FtpSessionPool pool;

	/**
	 * @param server the name of the pool's server, for the {@code server} tag
	 * @param pool the pool
	 */
	public FtpPoolMetrics(String server, FtpSessionPool pool) {
		this.server = server;
		this.pool = pool;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// Dashboards can tell plain FTP from FTPS backends without reading the configuration.
		Tags tags = Tags.of("server", this.server, "tls",
				this.pool.connection().tls().mode().name().toLowerCase(Locale.ROOT));
		Gauge.builder("ftp.pool.active", this.pool, FtpSessionPool::active)
			.description("FTP sessions lent out")
			.tags(tags)
			.register(registry);
		Gauge.builder("ftp.pool.idle", this.pool, FtpSessionPool::idle)
			.description("FTP sessions idle in the pool")
			.tags(tags)
			.register(registry);
		Gauge.builder("ftp.pool.waiting", this.pool, FtpSessionPool::waiting)
			.description("Requests waiting for a free FTP session")
			.tags(tags)
			.register(registry);
		Gauge.builder("ftp.pool.max", this.pool, FtpSessionPool::maxTotal)
			.description("Most FTP sessions the pool opens now (lowered for a while after a 421)")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("ftp.pool.opened", this.pool, FtpSessionPool::created)
			.description("FTP sessions opened")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("ftp.pool.closed", this.pool, FtpSessionPool::destroyed)
			.description("FTP sessions closed, idle or broken")
			.tags(tags)
			.register(registry);
	}

}
