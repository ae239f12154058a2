package dev.ftpgateway.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.FtpTemporaryException;
import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.ftp.TransferOutputStream;
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Resumable uploads whose only state is on the FTP server: the bytes arrive in a hidden partial
 * file in the target folder ({@code .tus-NONCE}), whose size is the upload's offset, and a small
 * companion file next to it ({@code .tus-NONCE.info}, see {@link UploadCompanion}) remembers the
 * target's name, the length and the client's metadata. Any gateway can continue any upload from
 * its {@link UploadId}, and a restarted one loses nothing.
 * <p>
 * Bytes are appended with APPE; an interrupted append keeps what the server wrote, and the
 * offset is always read again from the server. When the last byte arrived, the partial file is
 * moved onto its target as {@link AtomicUpload} moves a finished upload. An upload expires
 * {@code expiry} after it was created or last received bytes (the partial file's MDTM), and is
 * then removed when next touched or by {@link #sweep}.
 * <p>
 * FTP cannot truncate a file, so a chunk with a checksum goes into a third hidden file
 * ({@code .tus-NONCE.chunk}) and is hashed as it streams; a mismatch deletes it, a match moves it
 * onto the partial file when that is still empty, or else copies it onto the end of the partial
 * file through the gateway (RETR on this session, APPE on a second one): a checked chunk crosses
 * the link to the FTP server three times instead of once.
 * <p>
 * FTP has no locks: two appends to one upload at the same time are not told apart, and would
 * leave the upload corrupt. tus clients send one at a time.
 */
public final class PartialUploads {

	private static final System.Logger logger = System.getLogger(PartialUploads.class.getName());

	/** Companion files are a few hundred bytes; anything much larger is not one. */
	private static final int MAX_COMPANION_BYTES = 64 * 1024;

	private static final int COPY_BUFFER_BYTES = 64 * 1024;

	private static final String SHA_256 = "SHA-256";

	/** A sweep lists at most this many folders, so a huge tree costs a bounded amount of work per run. */
	static final int MAX_SWEPT_FOLDERS = 10_000;

	private final SessionRetry retry;

	private final String root;

	private final Duration expiry;

	private final SmallFileCache cache;

	PartialUploads(SessionRetry retry, String root, Duration expiry, SmallFileCache cache) {
		if (expiry.isNegative() || expiry.isZero()) {
			throw new IllegalArgumentException("expiry must be positive, got " + expiry);
		}
		this.retry = retry;
		this.root = root;
		this.expiry = expiry;
		this.cache = cache;
	}

	/**
	 * Creates an empty upload of {@code length} bytes that becomes {@code target} once complete;
	 * an upload of no bytes is complete at once.
	 * @param metadata the client's metadata, kept as given and handed back by {@link #status}
	 * @throws FileOperationException {@code NOT_FOUND} when the target's folder is missing,
	 *         {@code CONFLICT} when a file is in its way or the target is a folder,
	 *         {@code NOT_APPLICABLE} for a path that names no file, {@code OUTSIDE_ROOT}
	 */
	public PartialUpload create(RemotePath target, long length, String metadata, Instant now) throws IOException {
		if (target.isRoot() || target.hasTrailingSlash()) {
			throw FileOperationException
				.notApplicable("An upload needs a file name; a path ending in / names a folder");
		}
		if (length < 0) {
			throw new IllegalArgumentException("length must not be negative: " + length);
		}
		UploadId id = UploadId.random(target, length);
		UploadCompanion companion = new UploadCompanion(target.name(), length, now, metadata);
		AtomicBoolean writing = new AtomicBoolean();
		try {
			return this.retry.run((session, attempt) -> {
				session.refuseLinksLeavingRoot(target.parent());
				checkTarget(session, target);
				attempt.commit();
				writing.set(true);
				writeSmallFile(session, id.partial(), new byte[0]);
				writeSmallFile(session, id.companion(), companion.bytes());
				if (length == 0) {
					finish(session, id, target);
				}
				return new PartialUpload(id, target, length, 0, metadata, now.plus(this.expiry), Optional.empty());
			});
		}
		catch (IOException | RuntimeException ex) {
			if (writing.get()) {
				deleteQuietly(id, List.of(id.partial(), id.companion()));
			}
			throw ex;
		}
	}

	/**
	 * What the upload is now; an expired one is removed.
	 * @throws FileOperationException {@code NOT_FOUND} when there is no such upload (it may have
	 *         completed or been terminated), {@code GONE} when it expired, {@code OUTSIDE_ROOT}
	 */
	public PartialUpload status(UploadId id, Instant now) throws IOException {
		return this.retry.run((session, attempt) -> current(session, attempt, id, now).upload());
	}

	/**
	 * Appends {@code body} to the upload, which must be at {@code offset}; when that completes it,
	 * the file is moved into place.
	 * @param checksums what the body's digests must be, when the client gave any
	 * @return the upload after the append, at the offset the server now reports
	 * @throws FileOperationException {@code CONFLICT} when the upload is at another offset, or a
	 *         folder took the target's place; {@code TOO_LARGE} when the body holds more than the
	 *         upload has left (what fitted stays); as for {@link #status}
	 * @throws DigestMismatchException when a digest of the body is not the one in
	 *         {@code checksums}; the upload is then as it was before
	 */
	public PartialUpload append(UploadId id, long offset, UploadBody body, List<Digest> checksums, Instant now)
			throws IOException {
		return this.retry.run((session, attempt) -> {
			Found found = current(session, attempt, id, now);
			PartialUpload before = found.upload();
			if (found.moved() && offset == before.length()) {
				// Asked again after the last byte: complete it is, and nothing more may come.
				return before;
			}
			if (before.offset() != offset) {
				throw FileOperationException.conflict("The upload holds " + before.offset()
						+ " bytes: the next append starts there, not at " + offset);
			}
			attempt.commit();
			long left = before.length() - offset;
			// An upload that starts here may end here: then its digest comes with no extra read.
			MessageDigest sha256 = Digest.newDigest(SHA_256);
			List<MessageDigest> whole = (offset == 0) ? List.of(sha256) : List.of();
			if (!checksums.isEmpty()) {
				appendChecked(session, id, body, checksums, whole, left, offset);
			}
			else {
				appendKeepingWhatArrived(session, id.partial(), body, whole, left);
			}
			long reached = partialSize(session, id);
			Optional<Digest> digest = Optional.empty();
			if (reached == before.length()) {
				finish(session, id, before.target());
				digest = (offset == 0) ? Optional.of(new Digest(SHA_256, sha256.digest()))
						: HashCommands.ask(session.client(), session.absolute(before.target()), List.of(SHA_256));
			}
			return new PartialUpload(id, before.target(), before.length(), reached, before.metadata(),
					now.plus(this.expiry), digest);
		});
	}

	/**
	 * Removes the upload and the bytes it holds.
	 * @throws FileOperationException {@code NOT_FOUND} when there is no such upload, {@code OUTSIDE_ROOT}
	 */
	public void terminate(UploadId id) throws IOException {
		this.retry.run((session, attempt) -> {
			session.refuseLinksLeavingRoot(id.folder());
			if (session.client().size(session.absolute(id.companion())).isEmpty()) {
				throw FileOperationException.notFound("No upload " + id.text());
			}
			attempt.commit();
			deleteAll(session, id.files());
			return null;
		});
	}

	/**
	 * Removes every upload below the root whose expiry passed, walking the tree on one session
	 * with one {@code LIST -a} per folder (the hidden names included; where a server refuses the
	 * option, its MLSD or LIST and a second LIST for the links), never entering a symbolic link, at
	 * most {@link #MAX_SWEPT_FOLDERS} folders. Safe to run on several gateways at
	 * once: each removes only what expired, and a file already gone is not an error.
	 * @return how many uploads were removed
	 */
	public int sweep(Instant now) throws IOException {
		return this.retry.run((session, attempt) -> {
			int removed = 0;
			int listed = 0;
			Deque<RemotePath> folders = new ArrayDeque<>(List.of(RemotePath.root()));
			while (!folders.isEmpty() && listed < MAX_SWEPT_FOLDERS) {
				RemotePath folder = folders.poll();
				listed++;
				List<UploadFiles> uploads = new ArrayList<>();
				List<FtpEntry> children;
				try {
					children = session.childrenWithHidden(folder);
				}
				catch (FtpPermanentException ex) {
					// A folder this account may not list holds no upload it could have made.
					continue;
				}
				for (FtpEntry child : children) {
					// Links show as links here, and are never entered.
					RemoteEntry entry = RemoteEntry.of(child);
					if (entry.isFolder()) {
						folders.add(folder.resolve(entry.name()));
					}
					else {
						UploadFiles.ofCompanion(folder, entry.name()).ifPresent(uploads::add);
					}
				}
				for (UploadFiles upload : uploads) {
					if (removeIfExpired(session, upload, now)) {
						removed++;
					}
				}
			}
			return removed;
		});
	}

	/**
	 * The upload as the server shows it now. A completed upload has left nothing of its own
	 * behind; it is known by its target, there with the upload's length and no partial file left,
	 * so a client asking again after the last byte (tus-java-client sends an empty PATCH when the
	 * size is a multiple of its request size) is told it is complete.
	 */
	private Found current(FileSession session, SessionRetry.Attempt attempt, UploadId id, Instant now)
			throws IOException {
		session.refuseLinksLeavingRoot(id.folder());
		FtpClient client = session.client();
		String partial = session.absolute(id.partial());
		Optional<UploadCompanion> companion = readCompanion(session, id.files())
			.filter((found) -> found.name().equals(id.target().name()) && found.length() == id.length());
		OptionalLong size = client.size(partial);
		if (size.isEmpty()) {
			if (client.size(session.absolute(id.target())).equals(OptionalLong.of(id.length()))) {
				return new Found(new PartialUpload(id, id.target(), id.length(), id.length(),
						companion.map(UploadCompanion::metadata).orElse(""), now, Optional.empty()), true);
			}
			throw FileOperationException.notFound("No upload " + id.text() + ": it was terminated, expired, or"
					+ " never was");
		}
		if (companion.isEmpty()) {
			throw FileOperationException.notFound("No upload " + id.text());
		}
		Instant expires = lastActive(companion.get(), client.mdtm(partial)).plus(this.expiry);
		if (!now.isBefore(expires)) {
			attempt.commit();
			deleteAll(session, id.files());
			throw FileOperationException.gone("Upload " + id.text() + " expired at " + expires
					+ "; its bytes were removed");
		}
		return new Found(new PartialUpload(id, id.target(), id.length(), size.getAsLong(),
				companion.get().metadata(), expires, Optional.empty()), false);
	}

	/**
	 * An upload found on the server.
	 *
	 * @param moved whether it completed and its file was moved into place
	 */
	private record Found(PartialUpload upload, boolean moved) {
	}

	private boolean removeIfExpired(FileSession session, UploadFiles files, Instant now) throws IOException {
		Optional<UploadCompanion> companion = readCompanion(session, files);
		if (companion.isEmpty()) {
			return false;
		}
		Optional<Instant> modified = session.client().mdtm(session.absolute(files.partial()));
		if (now.isBefore(lastActive(companion.get(), modified).plus(this.expiry))) {
			return false;
		}
		deleteAll(session, files);
		logger.log(Level.INFO, () -> "Removed expired upload " + files.partial() + " for "
				+ files.folder().resolve(companion.get().name()));
		return true;
	}

	private static Instant lastActive(UploadCompanion companion, Optional<Instant> partialModified) {
		return partialModified.filter((modified) -> modified.isAfter(companion.created())).orElse(companion.created());
	}

	private static void checkTarget(FileSession session, RemotePath target) throws IOException {
		Optional<FtpEntry> folder = session.find(target.parent());
		if (folder.isEmpty()) {
			throw FileOperationException.notFound(target.parent());
		}
		if (!FileSession.isFolder(folder.get())) {
			throw FileOperationException.conflict(target.parent() + " is a file, not a folder");
		}
		Optional<FtpEntry> existing = session.find(target);
		if (existing.isPresent() && FileSession.isFolder(existing.get())) {
			throw FileOperationException.conflict(target + " is a folder");
		}
	}

	/**
	 * Appends the body to the partial file with APPE. A body that breaks off (the client went
	 * away, or sent more than the upload has left) still ends the transfer normally: every byte
	 * that arrived is good and stays, instead of depending on what each server keeps of an
	 * aborted APPE. Only a failing data connection aborts it.
	 */
	private static void appendKeepingWhatArrived(FileSession session, RemotePath partial, UploadBody body,
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
	 * partial file only when the hash matches.
	 */
	private void appendChecked(FileSession session, UploadId id, UploadBody body, List<Digest> checksums,
			List<MessageDigest> alsoHashing, long left, long offset) throws IOException {
		List<MessageDigest> digests = checksums.stream().map(Digest::newDigest).toList();
		List<MessageDigest> hashing = new ArrayList<>(digests);
		hashing.addAll(alsoHashing);
		try {
			AtomicUpload.store(session, id.chunk(), body, false, hashing, left);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(id, List.of(id.chunk()));
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
					abortQuietly(in);
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

	/** Moves the complete partial file onto its target, then forgets the upload. */
	private void finish(FileSession session, UploadId id, RemotePath target) throws IOException {
		Optional<FtpEntry> existing = session.find(target);
		if (existing.isPresent() && FileSession.isFolder(existing.get())) {
			throw FileOperationException.conflict(target + " became a folder; the upload stays until it expires"
					+ " or is terminated");
		}
		try {
			AtomicUpload.moveIntoPlace(session.client(), this.root, id.partial(), target, existing.isPresent());
		}
		finally {
			this.cache.invalidate(target.under(this.root));
		}
		try {
			session.client().delete(session.absolute(id.companion()));
		}
		catch (FtpException ex) {
			// The upload is complete; a sweep removes the companion once the expiry passed.
			logger.log(Level.WARNING, () -> "Completed " + target + " but could not delete " + id.companion() + ": "
					+ ex.getMessage());
		}
	}

	private static long partialSize(FileSession session, UploadId id) throws IOException {
		return session.client()
			.size(session.absolute(id.partial()))
			.orElseThrow(() -> new IOException("The FTP server lost the partial upload " + id.partial()));
	}

	/**
	 * Reads the companion, asking SIZE first: pyftpdlib over TLS follows its 550 to a RETR of a
	 * missing file with an unasked-for 226, which the next command would read as its own reply.
	 */
	private static Optional<UploadCompanion> readCompanion(FileSession session, UploadFiles files) throws IOException {
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

	private static void writeSmallFile(FileSession session, RemotePath path, byte[] content) throws IOException {
		AtomicUpload.store(session, path, (upload) -> {
			upload.write(content, 0, content.length);
			return content.length;
		}, false, List.of(), content.length);
	}

	/** Deletes the upload's files on this session; those already gone are no error. */
	private static void deleteAll(FileSession session, UploadFiles files) throws IOException {
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
	private void deleteQuietly(UploadId id, List<RemotePath> files) {
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

	private static void abortQuietly(TransferInputStream in) {
		try {
			in.abort();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Aborting a transfer failed too", ex);
		}
	}

}
