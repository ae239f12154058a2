package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import dev.ftpgateway.ftp.TransferOutputStream;

/**
 * Where an {@link UploadBody} writes: the data connection of an opened STOR or APPE, hashing the
 * bytes on their way when a digest is wanted and refusing more than the upload may hold.
 * Completing or aborting it is {@link AtomicUpload}'s job, not the writer's.
 */
public final class Upload {

	private final TransferOutputStream out;

	private final List<MessageDigest> digests;

	private final long limit;

	private long written;

	Upload(TransferOutputStream out) {
		this(out, List.of(), Long.MAX_VALUE);
	}

	/**
	 * @param digests updated with every byte written, in order
	 * @param limit the most bytes the upload may hold; a write past it fails before any of it is sent
	 */
	Upload(TransferOutputStream out, List<MessageDigest> digests, long limit) {
		this.out = out;
		this.digests = digests;
		this.limit = limit;
	}

	/**
	 * Whether {@link #write(ByteBuffer)} writes the data connection straight from the buffer:
	 * true for plain passive data connections, false for TLS and active ones, which go through the heap.
	 */
	public boolean writesDirectly() {
		return this.out.writesChannelDirectly();
	}

	/**
	 * Writes all of {@code buffer}.
	 * @throws FileOperationException {@code TOO_LARGE} when it would take the upload past its limit
	 */
	public void write(ByteBuffer buffer) throws IOException {
		count(buffer.remaining());
		for (MessageDigest digest : this.digests) {
			digest.update(buffer.duplicate());
		}
		this.out.write(buffer);
	}

	/**
	 * Writes {@code length} bytes of {@code buffer} from {@code offset}.
	 * @throws FileOperationException {@code TOO_LARGE} when they would take the upload past its limit
	 */
	public void write(byte[] buffer, int offset, int length) throws IOException {
		count(length);
		for (MessageDigest digest : this.digests) {
			digest.update(buffer, offset, length);
		}
		this.out.write(buffer, offset, length);
	}

	private void count(int length) {
		if (length > this.limit - this.written) {
			throw FileOperationException.tooLarge("The body holds more than the " + this.limit
					+ " bytes this upload has left");
		}
		this.written += length;
	}

}
