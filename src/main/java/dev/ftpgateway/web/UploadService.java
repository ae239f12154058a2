package dev.ftpgateway.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.ftpgateway.files.AtomicUpload;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.Upload;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.web.digest.DigestFields;
import dev.ftpgateway.web.transfer.ClientBody;
import dev.ftpgateway.web.transfer.IncompleteUploadException;
import dev.ftpgateway.web.transfer.TransferCopier;
import dev.ftpgateway.web.transfer.TransferFailures;

/**
 * Answers PUT of a file: the request body streams into {@link AtomicUpload}, which stores it
 * under a temporary name and moves it into place only once the server confirmed all of it.
 */
@Service
public class UploadService {

	private final FileServerResolver servers;

	private final TransferCopier copier;

	private final TransferFailures failures;

	private final RequestTransfers transfers;

	private final boolean digestEveryUpload;

	public UploadService(FileServerResolver servers, FilesSettings settings, TransferFailures failures,
			RequestTransfers transfers) {
		this.servers = servers;
		this.copier = new TransferCopier(settings.bufferSize(), failures);
		this.failures = failures;
		this.transfers = transfers;
		this.digestEveryUpload = settings.digestEveryUpload();
	}

	/**
	 * Stores the request body at {@code path}, checking the digests its {@code Content-Digest} and
	 * {@code Repr-Digest} give while it streams, and answers the stored file's {@code Repr-Digest}:
	 * for every upload, or only for those that ask with {@code Want-Repr-Digest}, as the settings say.
	 * @return 201 when the file is new, 204 when it replaced (or was appended to) an existing one
	 */
	public HttpStatus put(RemotePath path, HttpServletRequest request, HttpServletResponse response, boolean append,
			boolean mkdirs) throws IOException {
		boolean hashStored = this.digestEveryUpload || request.getHeader(DigestFields.WANT_REPR_DIGEST) != null;
		AtomicUpload.Options options = new AtomicUpload.Options(append, mkdirs, WritePreconditions.of(request),
				DigestFields.requested(request), hashStored);
		long declared = request.getContentLengthLong();
		try (UploadTransfer body = new UploadTransfer(this.transfers, this.failures, request, path, declared,
				(upload, transfer) -> copy(request, declared, upload, transfer))) {
			AtomicUpload.Stored stored = this.servers.of(request).uploads().put(path, options, body);
			body.completed();
			stored.sha256()
				.ifPresent((digest) -> response.setHeader(DigestFields.REPR_DIGEST, DigestFields.format(digest)));
			return stored.existed() ? HttpStatus.NO_CONTENT : HttpStatus.CREATED;
		}
	}

	/** Copies the request body; a body shorter than its Content-Length stores nothing. */
	private long copy(HttpServletRequest request, long declared, Upload upload, RunningTransfer transfer)
			throws IOException {
		long received = this.copier.upload(new ClientBody(request.getInputStream()), upload, transfer);
		if (declared >= 0 && received != declared) {
			throw new IncompleteUploadException("Upload ended after " + received + " of " + declared + " declared bytes",
					null);
		}
		return received;
	}

}
