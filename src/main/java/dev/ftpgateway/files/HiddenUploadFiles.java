package dev.ftpgateway.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.FtpTemporaryException;
import dev.ftpgateway.ftp.TransferInputStream;

/**
 * Reads, writes and deletes the hidden files of partial uploads ({@link UploadFiles}) on a
 * session: the companion that remembers an upload, the partial file's size, and the clean-up
 * after an upload ended or failed.
 */
final class HiddenUploadFiles {

	private static final System.Logger logger = System.getLogger(HiddenUploadFiles.class.getName());

	/** Companion files are a few hundred bytes; anything much larger is not one. */
	private static final int MAX_COMPANION_BYTES = 64 * 1024;

	private final SessionRetry retry;

	HiddenUploadFiles(SessionRetry retry) {
		this.retry = retry;
	}

	/**
	 * Reads the companion, asking SIZE first: pyftpdlib over TLS follows its 550 to a RETR of a
	 * missing file with an unasked-for 226, which the next command would read as its own reply.
	 */
	static Optional<UploadCompanion> readCompanion(FileSession session, UploadFiles files) throws IOException {
		String companion = session.absolute(files.companion());
		if (session.client().size(companion).isEmpty()) {
			return Optional.empty();
		}
		TransferInputStream in = session.client().retrieve(companion, 0);
		boolean read = false;
		try {
			byte[] bytes = in.readNBytes(MAX_COMPANION_BYTES + 1);
			in.close();
			read = true;
			return (bytes.length > MAX_COMPANION_BYTES) ? Optional.empty() : UploadCompanion.parse(bytes);
		}
		finally {
			if (!read) {
				session.lease().markBroken();
				abortQuietly(in);
			}
		}
	}

	static void writeSmallFile(FileSession session, RemotePath path, byte[] content) throws IOException {
		AtomicUpload.store(session, path, (upload) -> {
			upload.write(content, 0, content.length);
			return content.length;
		}, false, List.of(), content.length);
	}

	/** How many bytes the partial file holds: the upload's offset. */
	static long partialSize(FileSession session, UploadId id) throws IOException {
		return session.client()
			.size(session.absolute(id.partial()))
			.orElseThrow(() -> new IOException("The FTP server lost the partial upload " + id.partial()));
	}

	/** Deletes the upload's files on this session; those already gone are no error. */
	static void deleteAll(FileSession session, UploadFiles files) throws IOException {
		delete(session, List.of(files.partial(), files.chunk(), files.companion()));
	}

	private static void delete(FileSession session, List<RemotePath> files) throws IOException {
		for (RemotePath file : files) {
			try {
				session.client().delete(session.absolute(file));
			}
			// Servers answer DELE of a missing file with 550, Apache MINA FtpServer with 450.
			catch (FtpPermanentException | FtpTemporaryException ex) {
				logger.log(Level.DEBUG, () -> "Nothing to delete at " + file + ": " + ex.getMessage());
			}
		}
	}

	/** Deletes some of the upload's files on a fresh session: the one that failed may be broken. */
	void deleteQuietly(UploadId id, List<RemotePath> files) {
		try {
			this.retry.once((session, attempt) -> {
				delete(session, files);
				return null;
			});
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.DEBUG, () -> "Could not clean up after upload " + id.text(), ex);
		}
	}

	static void abortQuietly(TransferInputStream in) {
		try {
			in.abort();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Aborting a transfer failed too", ex);
		}
	}

}
