package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.ftpgateway.ftp.TransferOutputStream;

/**
 * Where an {@link UploadBody} writes: the data connection of an opened STOR or APPE. Completing
 * or aborting it is {@link AtomicUpload}'s job, not the writer's.
 */
public final class Upload {

	private final TransferOutputStream out;

	Upload(TransferOutputStream out) {
		this.out = out;
	}

	/**
	 * Whether {@link #write(ByteBuffer)} writes the data connection straight from the buffer:
	 * true for plain passive data connections, false for TLS and active ones, which go through the heap.
	 */
	public boolean writesDirectly() {
		return this.out.writesChannelDirectly();
	}

	/** Writes all of {@code buffer}. */
	public void write(ByteBuffer buffer) throws IOException {
		this.out.write(buffer);
	}

	public void write(byte[] buffer, int offset, int length) throws IOException {
		this.out.write(buffer, offset, length);
	}

}
