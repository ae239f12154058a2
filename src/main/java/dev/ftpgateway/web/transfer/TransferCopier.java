package dev.ftpgateway.web.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;

import dev.ftpgateway.files.Download;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.Upload;
import dev.ftpgateway.transfers.RunningTransfer;

/**
 * Copies bytes between an HTTP body and an FTP data connection through one fixed buffer, so a
 * transfer of any size needs the same few kilobytes of memory, and decides how the transfer ends.
 * <p>
 * On a plain passive data connection (one with a channel), uploads and downloads bigger than
 * the buffer go through a pooled direct buffer between the container and the channel, so their
 * bytes never enter the heap. Jetty writes that buffer to the client's socket as it is, so a
 * download is not copied in the JVM at all; an upload is copied once, from Jetty's read buffer
 * into ours (src/bench/RESULTS.md, "Downloads from the data channel into direct buffers",
 * "Uploads through direct buffers" and "Jetty instead of Tomcat"). Smaller downloads, and every
 * transfer on a TLS or active data connection, go through the heap; a small download's headers
 * and body leave in one write.
 */
public final class TransferCopier {

	/** Enough for the transfers of a busy gateway; more at once allocate their own. */
	private static final int MAX_IDLE_DIRECT_BUFFERS = 64;

	private static final int LARGE_DIRECT_BUFFER_SIZE = 2 * 1024 * 1024;

	private static final long FILL_WAIT_NANOS = Duration.ofMillis(100).toNanos();

	/**
	 * 8 MiB of native memory at most in large buffers: RSS under 100 transfers stays under 300 MB.
	 * Four large buffers rather than 32 of 256 KiB, because a transfer's CPU per byte falls with
	 * the size of its reads and writes, and the gateway is CPU-bound on loopback.
	 */
	private static final int MAX_LARGE_DIRECT_BUFFERS_IN_USE = 4;

	private final int bufferSize;

	private final DirectBuffers directBuffers;

	private final TransferFailures failures;

	/**
	 * @param bufferSize the heap buffer of one transfer, and the size of the normal direct buffers
	 * @param failures where failed transfers are logged and counted
	 */
	public TransferCopier(int bufferSize, TransferFailures failures) {
		this.bufferSize = bufferSize;
		this.directBuffers = new DirectBuffers(bufferSize, LARGE_DIRECT_BUFFER_SIZE, MAX_LARGE_DIRECT_BUFFERS_IN_USE,
				MAX_IDLE_DIRECT_BUFFERS);
		this.failures = failures;
	}

	/**
	 * Copies an opened download into the response body.
	 * @param length the bytes promised in Content-Length, or -1 to copy until the server's EOF
	 * @param toEndOfFile whether the range reaches the end of the file; when it does not, the
	 *        download is abandoned after {@code length} bytes
	 * @throws IOException when either side fails or the server sends fewer bytes than promised;
	 *         the download is then abandoned, the failure logged and counted, and the caller
	 *         must let the exception reach the servlet container so it drops the connection
	 *         instead of completing the body; a {@link ClientGoneException} when the client went away,
	 *         a {@link dev.ftpgateway.transfers.TransferCancelledException} when an operator
	 *         cancelled {@code transfer}
	 */
	public void download(RemotePath path, Download in, HttpServletResponse response, long length,
			boolean toEndOfFile, RunningTransfer transfer) throws IOException {
		boolean settled = false;
		try {
			if (in.readsDirectly() && (length < 0 || length > this.bufferSize)) {
				copyDirect(in, ContainerBody.commit(response), length, transfer);
			}
			else {
				OutputStream client = new ClientOutput(response.getOutputStream());
				checkLength(copy(in, client, length, transfer), length);
				client.flush();
			}
			transfer.finishing();
			if (toEndOfFile && (length < 0 || in.isAtEnd())) {
				// At EOF complete() reads the 226, and a 4xx/5xx there still fails the request.
				in.complete();
			}
			else {
				// A range that stops early, or a file that grew under us: the rest is not wanted.
				in.abandon();
			}
			settled = true;
		}
		catch (IOException ex) {
			this.failures.record(transfer, path, ex);
			throw ex;
		}
		finally {
			if (!settled) {
				in.abandon();
			}
		}
	}

	private void copyDirect(Download in, ContainerBody body, long limit, RunningTransfer transfer)
			throws IOException {
		ByteBuffer buffer = this.directBuffers.take();
		long copied = 0;
		try {
			while (limit < 0 || copied < limit) {
				buffer.clear();
				if (limit >= 0) {
					buffer.limit((int) Math.min(buffer.capacity(), limit - copied));
				}
				if (in.read(buffer) < 0) {
					break;
				}
				buffer.flip();
				body.write(buffer);
				copied += buffer.limit();
				transfer.moved(buffer.limit());
			}
			checkLength(copied, limit);
			body.flush();
		}
		finally {
			body.reportWritten();
			this.directBuffers.give(buffer);
		}
	}

	private static void checkLength(long copied, long length) throws IOException {
		if (length >= 0 && copied < length) {
			throw new IOException("FTP transfer ended after " + copied + " of " + length + " bytes");
		}
	}

	/**
	 * Copies the whole request body into an opened STOR or APPE and returns the byte count. On a
	 * data connection with a channel the body goes through a direct buffer, which is filled before
	 * each write: Jetty hands the body over in pieces of its 64 KiB read buffer, and the data
	 * connection costs less CPU per byte in fewer, larger writes (src/bench/RESULTS.md, "Uploads
	 * fill and write the whole 2 MiB buffer"). What a slow client sent is passed on after {@link #FILL_WAIT_NANOS} at most, so the
	 * server does not see an idle data connection while the buffer fills.
	 */
	public long upload(ServletInputStream body, Upload out, RunningTransfer transfer) throws IOException {
		if (!out.writesDirectly()) {
			return copy(body, out, transfer);
		}
		ByteBuffer buffer = this.directBuffers.take();
		try {
			long copied = 0;
			boolean ended = false;
			while (!ended) {
				buffer.clear();
				try {
					ended = fill(body, buffer);
				}
				catch (IOException ex) {
					passOnWhatArrived(buffer, out, ex);
					throw ex;
				}
				buffer.flip();
				int filled = buffer.remaining();
				if (filled > 0) {
					out.write(buffer);
				}
				copied += filled;
				transfer.moved(filled);
			}
			return copied;
		}
		finally {
			this.directBuffers.give(buffer);
		}
	}

	/**
	 * Writes what the buffer holds of a body whose reading failed: an append keeps the bytes that
	 * reached the server (a tus upload resumes after them), so none that arrived are dropped here.
	 * A failure to write them is added to the client's failure, which is the one that counts.
	 */
	private static void passOnWhatArrived(ByteBuffer buffer, Upload out, IOException failure) {
		buffer.flip();
		if (!buffer.hasRemaining()) {
			return;
		}
		try {
			out.write(buffer);
		}
		catch (IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * Reads the body into {@code buffer} until it is full, the body ended (then returns true) or
	 * {@link #FILL_WAIT_NANOS} passed. Containers disagree on what Servlet 6.1's
	 * {@code read(ByteBuffer)} does to the buffer (Jetty moves the position like a channel does,
	 * Tomcat leaves it and sets the limit), so both are set here from the count it returns.
	 */
	private static boolean fill(ServletInputStream body, ByteBuffer buffer) throws IOException {
		long started = System.nanoTime();
		while (buffer.hasRemaining() && System.nanoTime() - started < FILL_WAIT_NANOS) {
			int start = buffer.position();
			int read = body.read(buffer);
			if (read < 0) {
				return true;
			}
			buffer.limit(buffer.capacity()).position(start + read);
		}
		return false;
	}

	private long copy(Download in, OutputStream out, long limit, RunningTransfer transfer) throws IOException {
		// A known small length gets a buffer its size: allocating the full buffer for every 1 KiB
		// GET was a third of the bytes the gateway allocated under small-file load.
		int size = (limit < 0) ? this.bufferSize : (int) Math.max(1, Math.min(this.bufferSize, limit));
		byte[] buffer = new byte[size];
		long copied = 0;
		while (limit < 0 || copied < limit) {
			int wanted = (limit < 0) ? buffer.length : (int) Math.min(buffer.length, limit - copied);
			int read = in.read(buffer, 0, wanted);
			if (read < 0) {
				break;
			}
			out.write(buffer, 0, read);
			copied += read;
			transfer.moved(read);
		}
		return copied;
	}

	private long copy(ServletInputStream in, Upload out, RunningTransfer transfer) throws IOException {
		byte[] buffer = new byte[this.bufferSize];
		long copied = 0;
		int read;
		while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
			out.write(buffer, 0, read);
			copied += read;
			transfer.moved(read);
		}
		return copied;
	}

	/** The response body, with write failures marked as the client's rather than the server's. */
	private static final class ClientOutput extends OutputStream {

		private final OutputStream out;

		ClientOutput(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			try {
				this.out.write(b);
			}
			catch (IOException ex) {
				throw new ClientGoneException(ex);
			}
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			try {
				this.out.write(b, off, len);
			}
			catch (IOException ex) {
				throw new ClientGoneException(ex);
			}
		}

		@Override
		public void flush() throws IOException {
			try {
				this.out.flush();
			}
			catch (IOException ex) {
				throw new ClientGoneException(ex);
			}
		}

	}

}
