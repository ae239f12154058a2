package dev.ftpgateway.files;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.TransferOutputStream;
import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * Writes files so that nobody ever sees half of one: the body goes into STOR under a temporary
 * name in the target folder, its stored size is checked, and only then is it renamed into
 * place; a failed or short upload removes the temporary file and leaves the old version as it
 * was. Appending (APPE) writes in place instead. A pooled session found dead before the body is
 * read is replaced and the upload tried once more.
 */
public final class AtomicUpload {

	private static final System.Logger logger = System.getLogger(AtomicUpload.class.getName());

	private static final SecureRandom random = new SecureRandom();

	private static final String SHA_256 = "SHA-256";

	private final SessionRetry retry;

	private final String root;

	private final SmallFileCache cache;

	AtomicUpload(SessionRetry retry, String root, SmallFileCache cache) {
		this.retry = retry;
		this.root = root;
		this.cache = cache;
	}

	/**
	 * How an upload goes about it.
	 *
	 * @param append whether to append to the file in place (APPE) instead of replacing it
	 * @param mkdirs whether to create missing parent folders first
	 * @param precondition what must hold of the file there now, if anything is
	 * @param digests what the body's digests must be, checked while it streams; an append takes none
	 * @param hashStored whether to hash the stored file with SHA-256 as it streams, for
	 *        {@link Stored#sha256}; an append never does, since it hashes only what it adds
	 */
	public record Options(boolean append, boolean mkdirs, Precondition precondition, List<Digest> digests,
			boolean hashStored) {

		public Options {
			digests = List.copyOf(digests);
		}

		/** Options without digests to check or a digest of the stored file. */
		public Options(boolean append, boolean mkdirs, Precondition precondition) {
			this(append, mkdirs, precondition, List.of(), false);
		}

	}

	/**
	 * What an upload stored.
	 *
	 * @param existed whether a file was there before (replaced or appended to)
	 * @param sha256 the SHA-256 digest of the file now at the path, hashed as the bytes streamed;
	 *        empty unless the options asked for it, and for an append
	 */
	public record Stored(boolean existed, Optional<Digest> sha256) {
	}

	/**
	 * Stores {@code body} at {@code path}.
	 * @return whether a file was there before (replaced or appended to)
	 * @throws FileOperationException as {@link #put}
	 * @throws DigestMismatchException as {@link #put}
	 */
	public boolean write(RemotePath path, Options options, UploadBody body) throws IOException {
		return put(path, options, body).existed();
	}

	/**
	 * Stores {@code body} at {@code path}, hashing it on the way as the options ask.
	 * @throws FileOperationException when the parent is missing ({@code NOT_FOUND}) or a file
	 *         ({@code CONFLICT}), the path is a folder ({@code CONFLICT}), the precondition
	 *         does not hold ({@code PRECONDITION_FAILED}), or digests come with an append
	 *         ({@code NOT_APPLICABLE}); nothing was changed
	 * @throws DigestMismatchException when the body does not have a digest the options name;
	 *         nothing was stored under the path, and the temporary file is removed
	 */
	public Stored put(RemotePath path, Options options, UploadBody body) throws IOException {
		if (path.isRoot() || path.hasTrailingSlash()) {
			throw FileOperationException
				.notApplicable("A file upload needs a file name; a path ending in / names a folder");
		}
		if (options.append() && !options.digests().isEmpty()) {
			// Appended bytes cannot be taken back when their digest turns out wrong.
			throw FileOperationException.notApplicable("An append cannot be checked against a digest: FTP cannot take"
					+ " appended bytes back; upload the whole file, or append with tus at /uploads");
		}
		RemotePath target = options.append() ? path : path.parent().resolve(temporaryName(path.name()));
		AtomicBoolean storing = new AtomicBoolean();
		try {
			return this.retry.run((session, attempt) -> {
				// Replacing renames onto the last name, which replaces a link rather than its target.
				session.refuseLinksLeavingRoot(options.append() ? path : path.parent());
				prepareParent(session, path, options.mkdirs());
				Optional<FtpEntry> existing = session.find(path);
				if (existing.isPresent() && FileSession.isFolder(existing.get())) {
					throw FileOperationException.conflict(path + " is a folder");
				}
				session.check(options.precondition(), path);
				// The body can be read only once: from here on a failure is final.
				attempt.commit();
				storing.set(true);
				Optional<MessageDigest> sha256 = (options.hashStored() && !options.append())
						? Optional.of(Digest.newDigest(SHA_256)) : Optional.empty();
				List<MessageDigest> checked = options.digests().stream().map(Digest::newDigest).toList();
				List<MessageDigest> digests = new ArrayList<>(checked);
				sha256.ifPresent(digests::add);
				store(session, target, body, options.append(), digests, Long.MAX_VALUE);
				for (int i = 0; i < checked.size(); i++) {
					Digest expected = options.digests().get(i);
					byte[] actual = checked.get(i).digest();
					if (!expected.matches(actual)) {
						throw new DigestMismatchException(expected.algorithm(), expected.value(), actual);
					}
				}
				if (options.append()) {
					return new Stored(existing.isPresent(), Optional.empty());
				}
				moveIntoPlace(session.client(), this.root, target, path, existing.isPresent());
				return new Stored(existing.isPresent(), sha256.map((hashed) -> new Digest(SHA_256, hashed.digest())));
			});
		}
		catch (IOException | RuntimeException ex) {
			if (!options.append() && storing.get()) {
				deleteQuietly(target);
			}
			throw ex;
		}
		finally {
			this.cache.invalidate(path.under(this.root));
		}
	}

	private static void prepareParent(FileSession session, RemotePath path, boolean mkdirs) throws IOException {
		RemotePath parent = path.parent();
		Optional<FtpEntry> folder = session.find(parent);
		if (folder.isPresent() && !FileSession.isFolder(folder.get())) {
			throw FileOperationException.conflict(parent + " is a file, not a folder");
		}
		if (folder.isEmpty()) {
			if (!mkdirs) {
				throw FileOperationException.missingFolderFor(path, true);
			}
			session.makeFolders(parent);
		}
	}

	/**
	 * Streams {@code body} into STOR (or APPE) of {@code target} and waits for the server's
	 * confirmation; a STOR's stored size is checked. A failure aborts the transfer and costs the
	 * session; what the server kept of an aborted APPE stays.
	 * @param digests updated with every byte sent
	 * @param limit the most bytes the body may hold
	 * @return how many bytes were sent
	 */
	static long store(FileSession session, RemotePath target, UploadBody body, boolean append,
			List<MessageDigest> digests, long limit) throws IOException {
		FtpClient client = session.client();
		TransferOutputStream out = client.store(session.absolute(target), append);
		boolean stored = false;
		try {
			long written = body.writeTo(new Upload(out, digests, limit));
			// close() waits for the 226: only then has the server really stored the file.
			out.close();
			stored = true;
			if (!append) {
				checkStoredSize(client, session.absolute(target), written);
			}
			return written;
		}
		catch (IOException ex) {
			body.transferFailed(ex);
			throw ex;
		}
		finally {
			if (!stored) {
				session.lease().markBroken();
				// abort() sends ABOR and closes without claiming success; it reports no failure itself.
				out.abort();
			}
		}
	}

	/**
	 * In stream mode the end of the data connection is the end of the file, so a connection cut
	 * by a NAT gateway or proxy can look like a complete upload, 226 and all: compare sizes
	 * before the file is moved into place.
	 */
	private static void checkStoredSize(FtpClient client, String absolute, long sent) throws IOException {
		OptionalLong size = client.size(absolute);
		if (size.isPresent() && size.getAsLong() != sent) {
			throw new IOException("The FTP server stored " + size.getAsLong() + " of " + sent + " bytes");
		}
	}

	/** Renames the temporary file onto its final name, never losing the old version on the way. */
	static void moveIntoPlace(FtpClient client, String root, RemotePath temporary, RemotePath path, boolean existed)
			throws IOException {
		String from = temporary.under(root);
		String to = path.under(root);
		try {
			client.rename(from, to);
		}
		catch (FtpException ex) {
			if (!existed || !(ex instanceof FtpPermanentException)) {
				throw ex;
			}
			// IIS and some Windows servers refuse RNTO onto an existing file. Move the old file
			// aside rather than deleting it, so that if the second rename fails too it can be put
			// back: the old version is never lost for a new one that did not arrive.
			String aside = path.parent().resolve(temporaryName(path.name())).under(root);
			client.rename(to, aside);
			try {
				client.rename(from, to);
			}
			catch (IOException second) {
				try {
					client.rename(aside, to);
				}
				catch (IOException restore) {
					second.addSuppressed(restore);
				}
				throw second;
			}
			try {
				client.delete(aside);
			}
			catch (FtpException leftOver) {
				logger.log(Level.WARNING, () -> "Replaced " + path + " but could not delete its previous version "
						+ aside + ": " + leftOver.getMessage());
			}
		}
	}

	private void deleteQuietly(RemotePath temporary) {
		// The session that failed may be broken, so the clean-up borrows a fresh one.
		try {
			this.retry.once((session, attempt) -> session.client().delete(session.absolute(temporary)));
		}
		catch (IOException | RuntimeException ex) {
			logger.log(Level.DEBUG, () -> "Could not delete temporary upload " + temporary
					+ " (it may never have been created)", ex);
		}
	}

	/** A hidden name next to {@code name}, unique enough that concurrent uploads never share one. */
	static String temporaryName(String name) {
		byte[] nonce = new byte[6];
		random.nextBytes(nonce);
		return "." + name + ".upload-" + HexFormat.of().formatHex(nonce);
	}

}
