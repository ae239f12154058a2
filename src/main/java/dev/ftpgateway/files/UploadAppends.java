package dev.ftpgateway.files;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.ftp.TransferOutputStream;

/**
 * Appends a request body to the partial file of an upload ({@link PartialUploads}): straight
 * with APPE, keeping every byte that arrived, or, for a chunk with a checksum, first into the
 * upload's chunk file and onto the partial file only once its digests match.
 */
final class UploadAppends {

	private static final int COPY_BUFFER_BYTES = 64 * 1024;

	private final SessionRetry retry;

	private final HiddenUploadFiles hidden;

	UploadAppends(SessionRetry retry, HiddenUploadFiles hidden) {
		this.retry = retry;
		this.hidden = hidden;
	}

	/**
	 * Appends the body to the partial file with APPE. A body that breaks off (the client went
	 * away, or sent more than the upload has left) still ends the transfer normally: every byte
	 * that arrived is good and stays, instead of depending on what each server keeps of an
	 * aborted APPE. Only a failing data connection aborts it.
	 */
	static void appendKeepingWhatArrived(FileSession session, RemotePath partial, UploadBody body,
			List<MessageDigest> digests, long left) throws IOException {
		TransferOutputStream out = session.client().store(session.absolute(partial), true);
		IOException broken = null;
		RuntimeException refused = null;
		try {
			body.writeTo(new Upload(out, digests, left));
		}
		catch (IOException ex) {
			body.transferFailed(ex);
			broken = ex;
		}
		catch (RuntimeException ex) {
			refused = ex;
		}
		if (broken != null) {
			// close() aborts instead when a write had failed, and then the session's state is unclear.
			session.lease().markBroken();
		}
		try {
			out.close();
		}
		catch (IOException ex) {
			session.lease().markBroken();
			out.abort();
			Exception first = (broken != null) ? broken : refused;
			if (first == null) {
				body.transferFailed(ex);
				throw ex;
			}
			first.addSuppressed(ex);
		}
		if (broken != null) {
			throw broken;
		}
		if (refused != null) {
			throw refused;
		}
	}

	/**
	 * Stores a chunk with a checksum in the chunk file, hashing it on the way, and adds it to the
	 * partial file only when the hash matches. FTP cannot truncate a file, so this is the only way
	 * to refuse a damaged chunk without losing what the upload held before it.
	 */
	void appendChecked(FileSession session, UploadId id, UploadBody body, List<Digest> checksums,
			List<MessageDigest> alsoHashing, long left, long offset) throws IOException {
		List<MessageDigest> digests = checksums.stream().map(Digest::newDigest).toList();
		List<MessageDigest> hashing = new ArrayList<>(digests);
		hashing.addAll(alsoHashing);
		try {
			AtomicUpload.store(session, id.chunk(), body, false, hashing, left);
		}
		catch (IOException | RuntimeException ex) {
			this.hidden.deleteQuietly(id, List.of(id.chunk()));
			throw ex;
		}
		FtpClient client = session.client();
		String chunk = session.absolute(id.chunk());
		for (int i = 0; i < checksums.size(); i++) {
			Digest checksum = checksums.get(i);
			byte[] actual = digests.get(i).digest();
			if (!checksum.matches(actual)) {
				client.delete(chunk);
				throw new DigestMismatchException(checksum.algorithm(), checksum.value(), actual);
			}
		}
		if (offset == 0) {
			// Nothing to keep in the partial file: the chunk takes its place, no bytes copied.
			String partial = session.absolute(id.partial());
			client.delete(partial);
			client.rename(chunk, partial);
			return;
		}
		copyOnto(session, id.chunk(), id.partial());
		client.delete(chunk);
	}

	/** Appends the file {@code from} to the file {@code to}: RETR on this session, APPE on a second one. */
	private void copyOnto(FileSession session, RemotePath from, RemotePath to) throws IOException {
		this.retry.once((other, attempt) -> {
			TransferInputStream in = session.client().retrieve(session.absolute(from), 0);
			boolean copied = false;
			try {
				AtomicUpload.store(other, to, (upload) -> copy(in, upload), true, List.of(), Long.MAX_VALUE);
				in.close();
				copied = true;
			}
			finally {
				if (!copied) {
					session.lease().markBroken();
					HiddenUploadFiles.abortQuietly(in);
				}
			}
			return null;
		});
	}

	private static long copy(TransferInputStream in, Upload upload) throws IOException {
		byte[] buffer = new byte[COPY_BUFFER_BYTES];
		long copied = 0;
		int read;
		while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
			upload.write(buffer, 0, read);
			copied += read;
		}
		return copied;
	}

}
