package dev.ftpgateway.files;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Small files kept in memory, so a GET of one the server still holds unchanged needs no data
 * connection. Every use is checked on the control connection first: the cached copy is served
 * only while the server states the same size and modification time for the file (what its ETag
 * is made of), and this gateway's own writes, deletes and moves drop it at once. Bounded: files
 * of at most {@code maxFileBytes}, {@code maxTotalBytes} in all, the least recently used going
 * first.
 * <p>
 * The server's times have whole seconds (MDTM, MLST without fractions), so a change within the
 * same second that keeps the size could not be told from the cached copy. A file is therefore
 * cached only once its modification time is {@link #SETTLED} in the past by this machine's
 * clock: any later change gets a later time. A server whose clock is ahead of this machine's by
 * more than that can defeat it.
 * <p>
 * With {@code maxStale} above zero, a copy checked less than that long ago is served without
 * asking the server at all: a window of staleness callers accept for fewer round trips, as
 * rclone's directory cache does (five minutes by default). Off unless set.
 */
public final class SmallFileCache {

	/** How long ago a file must have been modified to be cached; see the class comment. */
	static final Duration SETTLED = Duration.ofSeconds(2);

	private final int maxFileBytes;

	private final long maxTotalBytes;

	private final Duration maxStale;

	private final Clock clock;

	/** By absolute path, least recently used first. */
	private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

	private long totalBytes;

	/**
	 * How many times this gateway changed files. A download that began before the latest change
	 * may hold what the change replaced, so its copy is not kept. Any change counts, not only one
	 * of the same file: tracking every download in flight would cost more than fetching a copy
	 * that was not kept again on the next GET.
	 */
	private long changes;

	/**
	 * @param maxFileBytes the largest file kept; 0 keeps none
	 * @param maxTotalBytes the most bytes kept in all
	 * @param maxStale how long a checked copy may be served without asking the server again; zero
	 *        asks every time
	 */
	public SmallFileCache(int maxFileBytes, long maxTotalBytes, Duration maxStale, Clock clock) {
		if (maxFileBytes < 0 || maxTotalBytes < 0 || maxStale.isNegative()) {
			throw new IllegalArgumentException("cache sizes and max-stale must not be negative");
		}
		this.maxFileBytes = (int) Math.min(maxFileBytes, maxTotalBytes);
		this.maxTotalBytes = maxTotalBytes;
		this.maxStale = maxStale;
		this.clock = clock;
	}

	/** A cache that keeps nothing. */
	public static SmallFileCache disabled() {
		return new SmallFileCache(0, 0, Duration.ZERO, Clock.systemUTC());
	}

	/** Whether a copy of {@code absolute} is kept, fresh or not. */
	synchronized boolean holds(String absolute) {
		return this.entries.containsKey(absolute);
	}

	/** The cached copy of {@code absolute} if the server states the same size and time for it now. */
	synchronized Optional<Entry> validated(String absolute, FileVersion version) {
		Entry entry = this.entries.get(absolute);
		if (entry == null || entry.size != version.size() || !version.modified().equals(Optional.of(entry.modified))) {
			if (entry != null) {
				remove(absolute);
			}
			return Optional.empty();
		}
		entry.checked = this.clock.instant();
		return Optional.of(entry);
	}

	/** The cached copy of {@code absolute} if it was checked within {@code maxStale}. */
	synchronized Optional<Entry> fresh(String absolute) {
		if (this.maxStale.isZero()) {
			return Optional.empty();
		}
		Entry entry = this.entries.get(absolute);
		if (entry == null || entry.checked.plus(this.maxStale).isBefore(this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(entry);
	}

	/**
	 * Collects the bytes of a download of a whole file to keep them once it completes, or null
	 * when the file is not to be cached: too large, of unknown size or time, or modified too
	 * recently.
	 */
	synchronized Filling filling(String absolute, long size, Instant modified) {
		Instant now = this.clock.instant();
		if (this.maxTotalBytes == 0 || size < 0 || size > this.maxFileBytes || modified == null
				|| !modified.plus(SETTLED).isBefore(now)) {
			return null;
		}
		return new Filling(absolute, size, modified, now, this.changes);
	}

	/** Drops {@code absolute} and everything below it: this gateway changed it. */
	synchronized void invalidate(String absolute) {
		this.changes++;
		String below = absolute.endsWith("/") ? absolute : absolute + "/";
		Iterator<Map.Entry<String, Entry>> iterator = this.entries.entrySet().iterator();
		while (iterator.hasNext()) {
			Map.Entry<String, Entry> entry = iterator.next();
			if (entry.getKey().equals(absolute) || entry.getKey().startsWith(below)) {
				this.totalBytes -= entry.getValue().bytes.length;
				iterator.remove();
			}
		}
	}

	/** How many bytes are kept now. */
	synchronized long totalBytes() {
		return this.totalBytes;
	}

	/** Keeps a filled copy, unless this gateway changed a file since its download began. */
	private synchronized void keep(Filling filling, Entry entry) {
		if (filling.changesBefore == this.changes) {
			put(filling.absolute, entry);
		}
	}

	private void put(String absolute, Entry entry) {
		remove(absolute);
		this.entries.put(absolute, entry);
		this.totalBytes += entry.bytes.length;
		Iterator<Entry> oldest = this.entries.values().iterator();
		while (this.totalBytes > this.maxTotalBytes && oldest.hasNext()) {
			this.totalBytes -= oldest.next().bytes.length;
			oldest.remove();
		}
	}

	private void remove(String absolute) {
		Entry removed = this.entries.remove(absolute);
		if (removed != null) {
			this.totalBytes -= removed.bytes.length;
		}
	}

	/** A cached file: the size and time the server stated for it, and its bytes. */
	static final class Entry {

		final long size;

		final Instant modified;

		final byte[] bytes;

		/** When the server last confirmed size and time. */
		Instant checked;

		Entry(long size, Instant modified, byte[] bytes, Instant checked) {
			this.size = size;
			this.modified = modified;
			this.bytes = bytes;
			this.checked = checked;
		}

	}

	/** The bytes of one download on their way into the cache. */
	final class Filling {

		private final String absolute;

		private final long size;

		private final Instant modified;

		/** When the download began, just after the server stated size and time: when the copy was checked. */
		private final Instant began;

		/** {@link SmallFileCache#changes} when the download began. */
		private final long changesBefore;

		private final byte[] bytes;

		private int length;

		Filling(String absolute, long size, Instant modified, Instant began, long changesBefore) {
			this.absolute = absolute;
			this.size = size;
			this.modified = modified;
			this.began = began;
			this.changesBefore = changesBefore;
			this.bytes = new byte[(int) size];
		}

		/** Takes bytes the download read; more than the size the server stated spoils the copy. */
		void add(ByteBuffer read) {
			int n = read.remaining();
			if (this.length + n > this.bytes.length) {
				this.length = -1;
			}
			if (this.length >= 0) {
				read.get(this.bytes, this.length, n);
				this.length += n;
			}
		}

		/**
		 * The download completed (its 226 arrived): keeps the copy if it holds the whole file. It
		 * counts as checked when the download began: a client slow to take the body must not
		 * stretch {@code maxStale}.
		 */
		void complete() {
			if (this.length == this.bytes.length) {
				keep(this, new Entry(this.size, this.modified, this.bytes, this.began));
			}
		}

	}

}
