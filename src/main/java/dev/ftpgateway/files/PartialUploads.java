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
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Resumable uploads whose only state is on the FTP server: the bytes arrive in a hidden partial
 * file in the target folder ({@code .tus-NONCE}), whose size is the upload's offset, and a small
 * companion file next to it ({@code .tus-NONCE.info}, see {@link UploadCompanion}) remembers the
 * target's name, the length and the client's metadata. Any gateway can continue any upload from
 * its {@link UploadId}, and a restarted one loses nothing.
 * <p>
 * Bytes are appended with APPE ({@link UploadAppends}); an interrupted append keeps what the
 * server wrote, and the offset is always read again from the server. When the last byte arrived,
 * the partial file is moved onto its target as {@link AtomicUpload} moves a finished upload. An upload expires
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

	private static final String SHA_256 = "SHA-256";

	/** A sweep lists at most this many folders, so a huge tree costs a bounded amount of work per run. */
	static final int MAX_SWEPT_FOLDERS = 10_000;

	private final SessionRetry retry;

	private final String root;

	private final Duration expiry;

	private final SmallFileCache cache;

	private final HiddenUploadFiles hidden;

	private final UploadAppends appends;

	PartialUploads(SessionRetry retry, String root, Duration expiry, SmallFileCache cache) {
		if (expiry.isNegative() || expiry.isZero()) {
			throw new IllegalArgumentException("expiry must be positive, got " + expiry);
		}
		this.retry = retry;
		this.root = root;
		this.expiry = expiry;
		this.cache = cache;
		this.hidden = new HiddenUploadFiles(retry);
		this.appends = new UploadAppends(retry, this.hidden);
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
				HiddenUploadFiles.writeSmallFile(session, id.partial(), new byte[0]);
				HiddenUploadFiles.writeSmallFile(session, id.companion(), companion.bytes());
				if (length == 0) {
					finish(session, id, target);
				}
				return new PartialUpload(id, target, length, 0, metadata, now.plus(this.expiry), Optional.empty());
			});
		}
		catch (IOException | RuntimeException ex) {
			if (writing.get()) {
				this.hidden.deleteQuietly(id, List.of(id.partial(), id.companion()));
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
				this.appends.appendChecked(session, id, body, checksums, whole, left, offset);
			}
			else {
				UploadAppends.appendKeepingWhatArrived(session, id.partial(), body, whole, left);
			}
			long reached = HiddenUploadFiles.partialSize(session, id);
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
			HiddenUploadFiles.deleteAll(session, id.files());
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
		Optional<UploadCompanion> companion = HiddenUploadFiles.readCompanion(session, id.files())
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
			HiddenUploadFiles.deleteAll(session, id.files());
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
		Optional<UploadCompanion> companion = HiddenUploadFiles.readCompanion(session, files);
		if (companion.isEmpty()) {
			return false;
		}
		Optional<Instant> modified = session.client().mdtm(session.absolute(files.partial()));
		if (now.isBefore(lastActive(companion.get(), modified).plus(this.expiry))) {
			return false;
		}
		HiddenUploadFiles.deleteAll(session, files);
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
			throw FileOperationException.missingFolderFor(target, false);
		}
		if (!FileSession.isFolder(folder.get())) {
			throw FileOperationException.conflict(target.parent() + " is a file, not a folder");
		}
		Optional<FtpEntry> existing = session.find(target);
		if (existing.isPresent() && FileSession.isFolder(existing.get())) {
			throw FileOperationException.conflict(target + " is a folder");
		}
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

}
