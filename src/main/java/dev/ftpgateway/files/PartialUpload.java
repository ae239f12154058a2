package dev.ftpgateway.files;

import java.time.Instant;
import java.util.Optional;

/**
 * What a resumable upload is now, as the FTP server shows it.
 *
 * @param id where the upload lives
 * @param target the file it becomes once complete
 * @param length the bytes it will hold in all
 * @param offset the bytes it holds now: the partial file's size
 * @param metadata what the client said about the upload when it was created, as it said it
 * @param expires when it is removed unless more bytes arrive before
 * @param sha256 the completed file's SHA-256 digest, when it came at no extra read: hashed on the
 *        way when one request brought every byte, else from the server's hash command if it has one
 */
public record PartialUpload(UploadId id, RemotePath target, long length, long offset, String metadata,
		Instant expires, Optional<Digest> sha256) {

	/** Whether every byte arrived, and so the file was moved into place. */
	public boolean complete() {
		return this.offset == this.length;
	}

}
