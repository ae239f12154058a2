package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.TransferOutputStream;
import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;

/**
 * Answers PUT of a file: streams the request body into STOR under a temporary name in the target
 * folder and renames it into place only after the server's 226, so nobody ever sees half a file
 * and a failed or short upload leaves nothing behind. {@code append} uses APPE in place instead.
 * A pooled session found dead before the body is read is replaced and the upload tried once more.
 */
@Service
public class UploadService {

	private static final Log logger = LogFactory.getLog(UploadService.class);

	private static final SecureRandom random = new SecureRandom();

	private final FtpSessions pool;

	private final FilesSettings settings;

	private final TransferCopier copier;

	private final TransferFailures failures;

	private final StaleSessionRetry retry;

	public UploadService(FtpSessions pool, FilesSettings settings, TransferFailures failures) {
		this.pool = pool;
		this.settings = settings;
		this.copier = new TransferCopier(settings.bufferSize(), failures);
		this.failures = failures;
		this.retry = new StaleSessionRetry(pool);
	}

	/**
	 * Stores the request body at {@code path}.
	 * @return 201 when the file is new, 204 when it replaced (or was appended to) an existing one
	 */
	public HttpStatus put(RemotePath path, HttpServletRequest request, boolean append, boolean mkdirs)
			throws IOException {
		if (path.isRoot() || path.hasTrailingSlash()) {
			throw GatewayProblems.badRequest("A file upload needs a file name; a path ending in / names a folder");
		}
		RemotePath target = append ? path : path.parent().resolve(temporaryName(path.name()));
		AtomicBoolean storing = new AtomicBoolean();
		boolean existed;
		try {
			existed = this.retry.run((lease, attempt) -> {
				FtpClient client = lease.client();
				prepareParent(client, path.parent(), mkdirs);
				Optional<FtpEntry> existing = RemoteFiles.find(client, this.settings, path);
				if (existing.isPresent() && RemoteFiles.isFolder(existing.get())) {
					throw GatewayProblems.conflict(path + " is a folder");
				}
				if (existing.isPresent() && "*".equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
					throw GatewayProblems.preconditionFailed(path + " exists and If-None-Match: * forbids replacing it");
				}
				// The body can be read only once: from here on a failure is final.
				attempt.commit();
				storing.set(true);
				store(lease, path, target, request, append);
				if (!append) {
					moveIntoPlace(client, target, path, existing.isPresent());
				}
				return existing.isPresent();
			});
		}
		catch (IOException | RuntimeException ex) {
			if (!append && storing.get()) {
				deleteQuietly(target);
			}
			throw ex;
		}
		return existed ? HttpStatus.NO_CONTENT : HttpStatus.CREATED;
	}

	private void prepareParent(FtpClient client, RemotePath parent, boolean mkdirs) throws IOException {
		Optional<FtpEntry> folder = RemoteFiles.find(client, this.settings, parent);
		if (folder.isPresent() && !RemoteFiles.isFolder(folder.get())) {
			throw GatewayProblems.conflict(parent + " is a file, not a folder");
		}
		if (folder.isEmpty()) {
			if (!mkdirs) {
				throw GatewayProblems.notFound(parent);
			}
			RemoteFiles.makeFolders(client, this.settings, parent);
		}
	}

	private void store(Lease lease, RemotePath path, RemotePath target, HttpServletRequest request, boolean append)
			throws IOException {
		TransferOutputStream out = lease.client().store(this.settings.absolute(target), append);
		boolean stored = false;
		try {
			long received = this.copier.upload(new ClientBody(request.getInputStream()), out);
			long declared = request.getContentLengthLong();
			if (declared >= 0 && received != declared) {
				throw new IncompleteUploadException(
						"Upload ended after " + received + " of " + declared + " declared bytes", null);
			}
			// close() waits for the 226: only then has the server really stored the file.
			out.close();
			stored = true;
			if (!append) {
				checkStoredSize(lease.client(), target, received);
			}
		}
		catch (IOException ex) {
			this.failures.record("upload", path, ex);
			throw ex;
		}
		finally {
			if (!stored) {
				lease.markBroken();
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
	private void checkStoredSize(FtpClient client, RemotePath target, long sent) throws IOException {
		OptionalLong size = client.size(this.settings.absolute(target));
		if (size.isPresent() && size.getAsLong() != sent) {
			throw new IOException("The FTP server stored " + size.getAsLong() + " of " + sent + " bytes");
		}
	}

	void moveIntoPlace(FtpClient client, RemotePath temporary, RemotePath path, boolean existed)
			throws IOException {
		String from = this.settings.absolute(temporary);
		String to = this.settings.absolute(path);
		try {
			client.rename(from, to);
		}
		catch (FtpException ex) {
			if (!existed || ex.replyCode() < 500) {
				throw ex;
			}
			// IIS and some Windows servers refuse RNTO onto an existing file. Move the old file
			// aside rather than deleting it, so that if the second rename fails too it can be put
			// back: the old version is never lost for a new one that did not arrive.
			String aside = this.settings.absolute(path.parent().resolve(temporaryName(path.name())));
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
				logger.warn("Replaced " + path + " but could not delete its previous version " + aside + ": "
						+ leftOver.getMessage());
			}
		}
	}

	private void deleteQuietly(RemotePath temporary) {
		// The session that failed may be broken, so the clean-up borrows a fresh one.
		try (Lease lease = this.pool.borrow()) {
			lease.client().delete(this.settings.absolute(temporary));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not delete temporary upload " + temporary + " (it may never have been created)",
					ex);
		}
	}

	static String temporaryName(String name) {
		byte[] nonce = new byte[6];
		random.nextBytes(nonce);
		return "." + name + ".upload-" + HexFormat.of().formatHex(nonce);
	}

	/** The request body, with read failures marked as the client's fault rather than the server's. */
	private static final class ClientBody extends ForwardingServletInputStream {

		ClientBody(ServletInputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			try {
				return super.read();
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			try {
				return super.read(b, off, len);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public int read(ByteBuffer buffer) throws IOException {
			try {
				return super.read(buffer);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		private static IncompleteUploadException failed(IOException ex) {
			return new IncompleteUploadException("Reading the request body failed: " + ex.getMessage(), ex);
		}

	}

}
