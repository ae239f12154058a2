package dev.ftpgateway.files;

import java.io.IOException;

/** The bytes of an upload, written by their owner (the HTTP layer streams a request body). */
public interface UploadBody {

	/**
	 * Writes the whole body to {@code upload}.
	 * @return how many bytes were written; the server's stored size is checked against it
	 * @throws IOException when reading the body or writing the upload fails; nothing is then
	 *         moved into place
	 */
	long writeTo(Upload upload) throws IOException;

	/**
	 * Hears that the transfer failed once it had started: the copy, the server's final reply or
	 * the size check. For logs and metrics; the failure is thrown to the caller afterwards.
	 */
	default void transferFailed(IOException failure) {
	}

}
