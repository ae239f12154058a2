package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.pool.Lease;

/**
 * Copies bytes between an HTTP body and an FTP data connection through one fixed buffer, so a
 * transfer of any size needs the same few kilobytes of heap, and decides how the transfer ends.
 */
final class TransferCopier {

	private static final Log logger = LogFactory.getLog(TransferCopier.class);

	private final int bufferSize;

	TransferCopier(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	/**
	 * Copies an opened RETR into the response body.
	 * @param length the bytes promised in Content-Length, or -1 to copy until the server's EOF
	 * @param toEndOfFile whether the range reaches the end of the file; when it does not, the
	 *        transfer is aborted after {@code length} bytes
	 * @throws IOException when either side fails or the server sends fewer bytes than promised;
	 *         the session is then marked broken and the caller must let the exception reach the
	 *         servlet container so it drops the connection instead of completing the body
	 */
	void download(Lease lease, TransferInputStream in, OutputStream out, long length, boolean toEndOfFile)
			throws IOException {
		boolean settled = false;
		try {
			long copied = copy(in, out, length);
			if (length >= 0 && copied < length) {
				throw new IOException("FTP transfer ended after " + copied + " of " + length + " bytes");
			}
			out.flush();
			if (toEndOfFile && (length < 0 || in.read() == -1)) {
				// At EOF close() reads the 226, and a 4xx/5xx there still fails the request.
				in.close();
			}
			else {
				// A range that stops early, or a file that grew under us: the rest is not wanted, and
				// after ABOR servers disagree on the replies that follow, so the session is not reused.
				lease.markBroken();
				in.abort();
			}
			settled = true;
		}
		finally {
			if (!settled) {
				lease.markBroken();
				abortQuietly(in);
			}
		}
	}

	/** Copies the whole request body into an opened STOR or APPE and returns the byte count. */
	long upload(InputStream body, OutputStream out) throws IOException {
		return copy(body, out, -1);
	}

	private long copy(InputStream in, OutputStream out, long limit) throws IOException {
		byte[] buffer = new byte[this.bufferSize];
		long copied = 0;
		while (limit < 0 || copied < limit) {
			int wanted = (limit < 0) ? buffer.length : (int) Math.min(buffer.length, limit - copied);
			int read = in.read(buffer, 0, wanted);
			if (read < 0) {
				break;
			}
			out.write(buffer, 0, read);
			copied += read;
		}
		return copied;
	}

	private static void abortQuietly(TransferInputStream in) {
		try {
			in.abort();
		}
		catch (IOException | RuntimeException ex) {
			// The session is already marked broken and will be destroyed; the original failure matters more.
			logger.debug("Aborting a failed download failed too", ex);
		}
	}

}
