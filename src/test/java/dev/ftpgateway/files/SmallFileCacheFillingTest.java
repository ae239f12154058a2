package dev.ftpgateway.files;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ftpgateway.testing.MovableClock;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a download's bytes become a cached copy: never when this gateway changed a file while the
 * download ran, which could otherwise put back what the change replaced for as long as
 * {@code max-stale} lets a copy be served unasked; and checked as of when the download began.
 */
class SmallFileCacheFillingTest {

	private static final Instant MODIFIED = Instant.parse("2026-12-06T11:00:00Z");

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T12:00:00Z"));

	private final SmallFileCache cache = new SmallFileCache(1024, 4096, Duration.ofMinutes(1), this.clock);

	@Test
	void aDownloadThatBeganBeforeTheGatewayChangedTheFileKeepsNoCopy() {
		SmallFileCache.Filling download = downloaded("/a.txt", "hello");
		this.cache.invalidate("/a.txt");
		download.complete();
		assertThat(this.cache.holds("/a.txt")).isFalse();
	}

	@Test
	void aDownloadThatBeganAfterTheGatewayChangedTheFileKeepsItsCopy() {
		this.cache.invalidate("/a.txt");
		downloaded("/a.txt", "hello").complete();
		assertThat(this.cache.fresh("/a.txt")).map((copy) -> new String(copy.bytes, US_ASCII)).hasValue("hello");
	}

	@Test
	void aCopyCountsAsCheckedWhenItsDownloadBeganNotWhenASlowClientTookTheLastByte() {
		SmallFileCache.Filling download = downloaded("/a.txt", "hello");
		this.clock.advance(Duration.ofSeconds(50));
		download.complete();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.cache.holds("/a.txt")).isTrue();
		assertThat(this.cache.fresh("/a.txt")).as("served unasked past max-stale after it was checked").isEmpty();
	}

	/** A download of the whole file that read all its bytes and waits for its 226. */
	private SmallFileCache.Filling downloaded(String path, String content) {
		byte[] bytes = content.getBytes(US_ASCII);
		SmallFileCache.Filling filling = this.cache.filling(path, bytes.length, MODIFIED);
		filling.add(ByteBuffer.wrap(bytes));
		return filling;
	}

}
