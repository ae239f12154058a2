package dev.ftpgateway.files;

import java.nio.ByteBuffer;

/** A download served from the cache of small files: no data connection, nothing to complete. */
final class CachedDownload implements Download {

	private final byte[] bytes;

	private final long offset;

	private int position;

	CachedDownload(byte[] bytes, long offset) {
		this.bytes = bytes;
		this.offset = offset;
		this.position = (int) Math.min(offset, bytes.length);
	}

	@Override
	public long offset() {
		return this.offset;
	}

	@Override
	public boolean readsDirectly() {
		return false;
	}

	@Override
	public int read(ByteBuffer buffer) {
		if (this.position == this.bytes.length) {
			return -1;
		}
		int n = Math.min(buffer.remaining(), this.bytes.length - this.position);
		buffer.put(this.bytes, this.position, n);
		this.position += n;
		return n;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (this.position == this.bytes.length) {
			return -1;
		}
		int n = Math.min(length, this.bytes.length - this.position);
		System.arraycopy(this.bytes, this.position, buffer, offset, n);
		this.position += n;
		return n;
	}

	@Override
	public boolean isAtEnd() {
		return this.position == this.bytes.length;
	}

	@Override
	public void complete() {
	}

	@Override
	public void abandon() {
	}

}
