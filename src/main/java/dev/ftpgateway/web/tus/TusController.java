package dev.ftpgateway.web.tus;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import dev.ftpgateway.files.DigestMismatchException;
import dev.ftpgateway.files.Digest;
import dev.ftpgateway.files.PartialUpload;
import dev.ftpgateway.files.FileServers;
import dev.ftpgateway.files.PartialUploads;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.UploadId;
import dev.ftpgateway.web.FilesSettings;
import dev.ftpgateway.web.RequestTransfers;
import dev.ftpgateway.web.UploadTransfer;
import dev.ftpgateway.web.digest.DigestFields;
import dev.ftpgateway.web.digest.DigestProblems;
import dev.ftpgateway.web.problem.GatewayProblems;
import dev.ftpgateway.web.transfer.ClientBody;
import dev.ftpgateway.web.transfer.IncompleteUploadException;
import dev.ftpgateway.web.transfer.TransferCopier;
import dev.ftpgateway.web.transfer.TransferFailures;

/**
 * tus 1.0.0 at {@code /uploads} (tus.io/protocols/resumable-upload): POST creates an upload (with
 * its first bytes, if the body has them), HEAD tells its offset, PATCH appends at that offset,
 * DELETE terminates it, OPTIONS says what the server supports. Every request stands alone: the
 * upload's state is read from the FTP server each time, so any gateway answers for any upload.
 */
@RestController
@RequestMapping(TusController.PREFIX)
@Tag(name = "uploads", description = "Resumable uploads (tus 1.0.0); the finished file appears under /files")
public class TusController {

	static final String PREFIX = "/uploads";

	static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

	private static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration,checksum";

	private static final HttpStatusCode CHECKSUM_MISMATCH = HttpStatusCode.valueOf(460);

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final FileServers servers;

	private final Optional<PartialUploads> uploads;

	private final TusSettings settings;

	private final TransferCopier copier;

	private final TransferFailures failures;

	private final RequestTransfers transfers;

	private final Clock clock = Clock.systemUTC();

	public TusController(FileServers servers, TusSettings settings, FilesSettings files, TransferFailures failures,
			RequestTransfers transfers) {
		this.servers = servers;
		this.transfers = transfers;
		this.uploads = servers.defaultServer().map((server) -> server.partialUploads(settings.expiry()));
		this.settings = settings;
		this.copier = new TransferCopier(files.bufferSize(), failures);
		this.failures = failures;
	}

	@RequestMapping(path = { "", "/{id}" }, method = RequestMethod.OPTIONS)
	@Operation(summary = "What this tus server supports")
	public ResponseEntity<Void> options() {
		return ResponseEntity.noContent()
			.header("Tus-Version", TusProtocolFilter.VERSION)
			.header("Tus-Extension", EXTENSIONS)
			.header("Tus-Max-Size", Long.toString(this.settings.maxSize()))
			.header("Tus-Checksum-Algorithm", UploadChecksum.ANNOUNCED)
			.build();
	}

	@PostMapping
	@Operation(summary = "Create an upload (tus creation, creation-with-upload)",
			description = "Upload-Length is the file's size; Upload-Metadata names the target with 'path' (absolute "
					+ "below the root) or 'filename' and 'folder'. A body of type application/offset+octet-stream "
					+ "is the upload's first bytes.")
	public ResponseEntity<Void> create(HttpServletRequest request) throws IOException {
		long length = uploadLength(request);
		String metadata = Optional.ofNullable(request.getHeader("Upload-Metadata")).orElse("");
		RemotePath target = UploadMetadata.parse(metadata).target();
		boolean withBody = hasOffsetStream(request);
		if (!withBody && request.getContentLengthLong() > 0) {
			throw GatewayProblems.unsupportedBody("The first bytes of an upload come as " + OFFSET_OCTET_STREAM);
		}
		List<Digest> checksums = checksums(request);
		Instant now = this.clock.instant();
		PartialUpload upload = uploads().create(target, length, metadata, now);
		if (withBody && !upload.complete()) {
			try (UploadTransfer body = body(target, request)) {
				upload = uploads().append(upload.id(), 0, body, checksums, now);
				body.completed();
			}
		}
		ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.LOCATION, request.getContextPath() + PREFIX + "/" + upload.id().text());
		if (withBody) {
			created.header("Upload-Offset", Long.toString(upload.offset()));
		}
		upload.sha256().ifPresent((digest) -> created.header(DigestFields.REPR_DIGEST, DigestFields.format(digest)));
		return expiring(created, upload).build();
	}

	@RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
	@Operation(summary = "The upload's offset, length and metadata")
	public ResponseEntity<Void> head(@PathVariable String id) throws IOException {
		PartialUpload upload = uploads().status(uploadId(id), this.clock.instant());
		ResponseEntity.BodyBuilder found = ResponseEntity.ok()
			.header("Upload-Offset", Long.toString(upload.offset()))
			.header("Upload-Length", Long.toString(upload.length()))
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
		if (!upload.metadata().isEmpty()) {
			found.header("Upload-Metadata", upload.metadata());
		}
		return expiring(found, upload).build();
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Append the body at Upload-Offset (tus core, checksum)",
			description = "The body (application/offset+octet-stream) streams onto the partial file on the FTP "
					+ "server. With Upload-Checksum it is checked first: a mismatch answers 460 and keeps nothing. "
					+ "When the last byte arrived, the file is moved into place.")
	public ResponseEntity<Void> patch(@PathVariable String id, HttpServletRequest request) throws IOException {
		if (!hasOffsetStream(request)) {
			throw GatewayProblems.unsupportedBody("A PATCH body must be " + OFFSET_OCTET_STREAM);
		}
		long offset = nonNegative(request.getHeader("Upload-Offset"), "Upload-Offset");
		List<Digest> checksums = checksums(request);
		UploadId upload = uploadId(id);
		PartialUploads partial = uploads();
		PartialUpload after;
		try (UploadTransfer body = body(upload.folder(), request)) {
			after = partial.append(upload, offset, body, checksums, this.clock.instant());
			body.completed();
		}
		// An upload asked again after its last byte takes no body, so nothing has read it yet: reading
		// it here sends the 100 Continue that tus-java-client's Expect header waits for.
		if (request.getInputStream().read() >= 0) {
			throw GatewayProblems.contentTooLarge("The upload is complete: it takes no more bytes");
		}
		ResponseEntity.HeadersBuilder<?> done = ResponseEntity.noContent()
			.header("Upload-Offset", Long.toString(after.offset()));
		if (!after.complete()) {
			done.header("Upload-Expires", HTTP_DATE.format(after.expires()));
		}
		else {
			done.header(HttpHeaders.CONTENT_LOCATION, files(request, after.target()));
		}
		after.sha256().ifPresent((digest) -> done.header(DigestFields.REPR_DIGEST, DigestFields.format(digest)));
		return done.build();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Terminate the upload and remove its bytes (tus termination)")
	public ResponseEntity<Void> terminate(@PathVariable String id) throws IOException {
		uploads().terminate(uploadId(id));
		return ResponseEntity.noContent().build();
	}

	/**
	 * tus's own status, 460, for an {@code Upload-Checksum} that does not match; 400 for a
	 * {@code Content-Digest}, as for a PUT. Both name the two digests.
	 */
	@ExceptionHandler(DigestMismatchException.class)
	ResponseEntity<ProblemDetail> checksumMismatch(DigestMismatchException ex, HttpServletRequest request) {
		HttpStatusCode status = (request.getHeader(UploadChecksum.HEADER) != null) ? CHECKSUM_MISMATCH
				: HttpStatus.BAD_REQUEST;
		ProblemDetail problem = DigestProblems.problem(ex, status.value(),
				"The chunk's " + ex.algorithm() + " digest does not match the request's; the upload keeps none of it");
		if (status == CHECKSUM_MISMATCH) {
			problem.setTitle("Checksum Mismatch");
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The digests the body must have: {@code Upload-Checksum} (tus) and {@code Content-Digest} (RFC 9530). */
	private static List<Digest> checksums(HttpServletRequest request) {
		List<Digest> checksums = new ArrayList<>();
		UploadChecksum.parse(request.getHeader(UploadChecksum.HEADER)).ifPresent(checksums::add);
		String contentDigest = request.getHeader(DigestFields.CONTENT_DIGEST);
		checksums.addAll(DigestFields.parse(DigestFields.CONTENT_DIGEST, contentDigest));
		return checksums;
	}

	/** A body that ended early: unlike a PUT, the upload keeps what reached the FTP server. */
	@ExceptionHandler(IncompleteUploadException.class)
	ResponseEntity<ProblemDetail> incomplete(IncompleteUploadException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage()
				+ "; the upload keeps the bytes the FTP server received: HEAD tells the offset to resume from");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ResponseEntity.BodyBuilder expiring(ResponseEntity.BodyBuilder builder, PartialUpload upload) {
		return upload.complete() ? builder : builder.header("Upload-Expires", HTTP_DATE.format(upload.expires()));
	}

	private long uploadLength(HttpServletRequest request) {
		if (request.getHeader("Upload-Length") == null) {
			throw GatewayProblems.badRequest(request.getHeader("Upload-Defer-Length") != null
					? "Upload-Defer-Length is not supported: send Upload-Length"
					: "Upload-Length is missing: a tus upload states its size when it is created");
		}
		long length = nonNegative(request.getHeader("Upload-Length"), "Upload-Length");
		if (length > this.settings.maxSize()) {
			throw GatewayProblems.contentTooLarge("Upload-Length " + length + " is more than this gateway's"
					+ " Tus-Max-Size of " + this.settings.maxSize() + " bytes");
		}
		return length;
	}

	private static long nonNegative(String value, String header) {
		if (value == null) {
			throw GatewayProblems.badRequest(header + " is missing");
		}
		try {
			long number = Long.parseLong(value.trim());
			if (number >= 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, like a negative number.
		}
		throw GatewayProblems.badRequest(header + " must be a non-negative number of bytes, not '" + value + "'");
	}

	private static boolean hasOffsetStream(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null
				&& MediaType.parseMediaType(type).isCompatibleWith(MediaType.parseMediaType(OFFSET_OCTET_STREAM));
	}

	private static UploadId uploadId(String id) {
		return UploadId.parse(id)
			.orElseThrow(() -> GatewayProblems.notFound("No upload " + id + ": not an upload id of this gateway"));
	}

	private static String files(HttpServletRequest request, RemotePath path) {
		StringBuilder location = new StringBuilder(request.getContextPath()).append("/files");
		path.segments().forEach((segment) -> location.append('/').append(UriUtils.encodePathSegment(segment, "UTF-8")));
		return location.toString();
	}

	/** Resumable uploads go to the default server: their URLs name no server. */
	private PartialUploads uploads() {
		return this.uploads.orElseThrow(() -> {
			ErrorResponseException problem = GatewayProblems.notFound("Resumable uploads go to the default FTP server,"
					+ " and none is set (ftp-gateway.server.host or ftp-gateway.default-server); the servers are "
					+ this.servers.names());
			problem.getBody().setProperty("servers", this.servers.names());
			return problem;
		});
	}

	/**
	 * The request body as an upload's bytes, streamed as PUT streams it, and a running transfer
	 * on the default server while it flows.
	 */
	private UploadTransfer body(RemotePath path, HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		return new UploadTransfer(this.transfers, this.failures, request, this.servers.defaultName().orElseThrow(),
				path, declared, (upload, transfer) -> {
					long received = this.copier.upload(new ClientBody(request.getInputStream()), upload, transfer);
					if (declared >= 0 && received != declared) {
						throw new IncompleteUploadException(
								"The body ended after " + received + " of " + declared + " declared bytes", null);
					}
					return received;
				});
	}

}
