package dev.ftpgateway.pool;

import java.time.Duration;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a 421 lowers the pool's size and how it recovers, with time passed in as a value. */
class ConnectionLimitTest {

	private static final Duration BACKOFF = Duration.ofSeconds(30);

	private final GenericObjectPool<Object> pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {

		@Override
		public Object create() {
			return new Object();
		}

		@Override
		public PooledObject<Object> wrap(Object object) {
			return new DefaultPooledObject<>(object);
		}

	});

	private long now;

	private final ConnectionLimit limit;

	ConnectionLimitTest() {
		this.pool.setMaxTotal(8);
		this.limit = new ConnectionLimit(this.pool, 8, BACKOFF, () -> this.now);
	}

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void refusalCapsThePoolAtTheSessionsItHolds() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.pool.borrowObject();
		}
		this.limit.refused();
		assertThat(this.limit.current()).isEqualTo(3);
	}

	@Test
	void refusalOfTheFirstSessionStillAllowsOne() {
		this.limit.refused();
		assertThat(this.limit.current()).isOne();
	}

	@Test
	void capRisesOneSessionPerBackoffUntilTheConfiguredSize() throws Exception {
		this.pool.borrowObject();
		this.pool.borrowObject();
		this.limit.refused();
		this.now += BACKOFF.toNanos() - 1;
		this.limit.maybeRaise();
		assertThat(this.limit.current()).isEqualTo(2);
		this.now += 1;
		this.limit.maybeRaise();
		this.limit.maybeRaise();
		assertThat(this.limit.current()).isEqualTo(3);
		for (int i = 0; i < 10; i++) {
			this.now += BACKOFF.toNanos();
			this.limit.maybeRaise();
		}
		assertThat(this.limit.current()).isEqualTo(8);
	}

	@Test
	void anotherRefusalWhileLoweredRestartsTheBackoff() {
		this.limit.refused();
		this.now += BACKOFF.toNanos() - 1;
		this.limit.refused();
		this.now += 1;
		this.limit.maybeRaise();
		assertThat(this.limit.current()).isOne();
	}

}
