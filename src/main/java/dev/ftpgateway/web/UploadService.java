package dev.ftpgateway.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.ftpgateway.files.AtomicUpload;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.Upload;
import dev.ftpgateway.files.UploadBody;
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

	public UploadService(FileServerResolver servers, FilesSettings settings, TransferFailures failures) {
		this.servers = servers;
		this.copier = new TransferCopier(settings.bufferSize(), failures);
		this.failures = failures;
	}

	/**
	 * Stores the request body at {@code path}, checking the digests its {@code Content-Digest} and
	 * {@code Repr-Digest} give while it streams, and answers the stored file's {@code Repr-Digest}.
	 * @return 201 when the file is new, 204 when it replaced (or was appended to) an existing one
	 */
	public HttpStatus put(RemotePath path, HttpServletRequest request, HttpServletResponse response, boolean append,
			boolean mkdirs) throws IOException {
		AtomicUpload.Options options = new AtomicUpload.Options(append, mkdirs, WritePreconditions.of(request),
				DigestFields.requested(request));
		AtomicUpload.Stored stored = this.servers.of(request).uploads().put(path, options, new RequestBody(path, request));
		stored.sha256()
			.ifPresent((digest) -> response.setHeader(DigestFields.REPR_DIGEST, DigestFields.format(digest)));
		return stored.existed() ? HttpStatus.NO_CONTENT : HttpStatus.CREATED;
	}

	/** The request body as an upload's bytes; a body shorter than its Content-Length stores nothing. */
	private final class RequestBody implements UploadBody {

		private final RemotePath path;

		private final HttpServletRequest request;

		RequestBody(RemotePath path, HttpServletRequest request) {
			this.path = path;
			this.request = request;
		}

		@Override
		public long writeTo(Upload upload) throws IOException {
			long received = UploadService.this.copier.upload(new ClientBody(this.request.getInputStream()), upload);
			long declared = this.request.getContentLengthLong();
			if (declared >= 0 && received != declared) {
				throw new IncompleteUploadException(
						"Upload ended after " + received + " of " + declared + " declared bytes", null);
			}
			return received;
		}

		@Override
		public void transferFailed(IOException failure) {
			UploadService.this.failures.record("upload", this.path, failure);
		}

	}

}
