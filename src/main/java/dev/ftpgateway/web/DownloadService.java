package dev.ftpgateway.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import dev.ftpgateway.files.Download;
import dev.ftpgateway.files.FileReads;
import dev.ftpgateway.files.ReadHandler;
import dev.ftpgateway.files.RemoteFile;
import dev.ftpgateway.files.RemoteFolder;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.web.page.FolderPages;
import dev.ftpgateway.web.page.HtmlNegotiation;
import dev.ftpgateway.web.digest.DigestFields;
import dev.ftpgateway.web.digest.ReprDigests;
import dev.ftpgateway.web.problem.GatewayProblems;
import dev.ftpgateway.web.transfer.TransferCopier;
import dev.ftpgateway.web.transfer.TransferFailures;

/**
 * Answers GET and HEAD: folder listings (JSON, text, or for browsers a page from
 * {@link FolderPages}), and files streamed from the FTP data connection straight
 * into the response with validators, conditional requests and single byte ranges.
 * <p>
 * The transfer is opened (RETR answered with 150) before the HTTP status is committed, so a
 * refused RETR still becomes a problem response; a failure after that aborts the response.
 * <p>
 * A GET of a cached file that shares another request's check of it waits for the answer without
 * holding its thread ({@link SharedCheckWaits}).
 */
@Service
public class DownloadService {

	/** The query parameter that asks for {@code Content-Disposition: attachment}. */
	static final String DOWNLOAD = "download";

	private final FileServerResolver servers;

	private final TransferCopier copier;

	private final JsonMapper json;

	private final Charset textCharset;

	private final FolderPages pages = new FolderPages();

	private final RequestTransfers transfers;

	private final SharedCheckWaits waits;

	/**
	 * @param securityContexts where the security configuration finds a request's caller on each
	 * of its dispatches
	 */
	public DownloadService(FileServerResolver servers, FilesSettings settings, TransferFailures failures,
			JsonMapper json, RequestTransfers transfers, SecurityContextRepository securityContexts) {
		this.servers = servers;
		this.waits = new SharedCheckWaits(securityContexts);
		this.transfers = transfers;
		this.copier = new TransferCopier(settings.bufferSize(), failures);
		this.json = json;
		this.textCharset = settings.textCharset();
	}

	/**
	 * Answers GET ({@code withBody}) or HEAD for {@code path}. Returns the response to render, or
	 * null when a file body was already streamed into {@code response}, or will be once the check
	 * the request waits for without its thread answered.
	 */
	public ResponseEntity<?> get(RemotePath path, ServletWebRequest request, HttpServletResponse response,
			boolean withBody) throws IOException {
		FileReads reads = this.servers.of(request.getRequest()).reads();
		if (withBody) {
			if (this.waits.waitFor(reads, path, request, response, (copy) -> file(copy, request, response, true))) {
				return null;
			}
			Optional<ResponseEntity<?>> resumed = this.waits.resumed(request.getRequest());
			if (resumed.isPresent()) {
				return resumed.get();
			}
		}
		return reads.read(path, new ReadHandler<>() {

			@Override
			public ResponseEntity<?> folder(RemoteFolder folder) throws IOException {
				String accept = request.getHeader(HttpHeaders.ACCEPT);
				response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
				if (HtmlNegotiation.prefersHtml(accept)) {
					return DownloadService.this.pages.answer(folder, request.getRequest(), response, withBody);
				}
				return listing(folder, accept, request.getRequest(), response, withBody);
			}

			@Override
			public ResponseEntity<?> file(RemoteFile file) throws IOException {
				return DownloadService.this.file(file, request, response, withBody);
			}

		});
	}

	private ResponseEntity<?> file(RemoteFile remote, ServletWebRequest request, HttpServletResponse response,
			boolean withBody) throws IOException {
		RemotePath path = remote.path();
		boolean attachment = attachment(request);
		FileMetadata file = new FileMetadata(remote.size(), remote.modified().orElse(null));
		if (file.etag() != null && isConditional(request)
				&& request.checkNotModified(file.etag(), file.lastModifiedMillis())) {
			// checkNotModified answers true for a failed If-Unmodified-Since too, with 412 set on
			// the response: that must not turn into a 304.
			if (response.getStatus() == HttpStatus.PRECONDITION_FAILED.value()) {
				throw GatewayProblems.preconditionFailed(path + " was modified after the If-Unmodified-Since time");
			}
			writeValidators(response, file);
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).build();
		}
		// Before the transfer opens: the session cannot ask anything while it runs.
		ReprDigests.answer(remote, request.getHeader(DigestFields.WANT_REPR_DIGEST), !withBody)
			.ifPresent((digest) -> response.setHeader(DigestFields.REPR_DIGEST, digest));
		boolean ranges = remote.readsFromOffsets();
		// RFC 9110 lets a server that cannot serve ranges answer 200 with the whole file.
		Optional<ByteRange> range = ranges ? ranged(request, file) : Optional.empty();
		Download in = null;
		if (withBody) {
			// From here on the status is committed: failures can only abort the response.
			in = remote.open(range.map(ByteRange::first).orElse(0L));
			if (range.isPresent() && in.offset() != range.get().first()) {
				// The server refused REST just now: the whole file it is.
				range = Optional.empty();
				ranges = false;
			}
		}
		long length = range.map(ByteRange::length).orElse(file.size());
		HttpStatus status = range.isPresent() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK;
		// Straight onto the response, not through HttpHeaders and a ResponseEntity, whose building,
		// formatting and copying of headers costs more than the rest of a small download's HTTP side.
		response.setStatus(status.value());
		writeValidators(response, file);
		response.setContentType(contentType(path.name()));
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				DownloadNames.contentDisposition(path.name(), attachment));
		response.setHeader(HttpHeaders.ACCEPT_RANGES, ranges ? "bytes" : "none");
		// Anyone who may upload could otherwise serve HTML or SVG that runs script in the
		// gateway's origin: browsers must take the type as given and run nothing.
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "sandbox");
		range.ifPresent((r) -> response.setHeader(HttpHeaders.CONTENT_RANGE, r.contentRange()));
		if (length >= 0) {
			response.setContentLengthLong(length);
		}
		if (in == null) {
			return null;
		}
		boolean toEndOfFile = range.map((r) -> !r.endsBeforeEndOfFile()).orElse(true);
		try (RunningTransfer transfer = this.transfers.start(request.getRequest(), path, TransferDirection.DOWNLOAD,
				length)) {
			this.copier.download(path, in, response, length, toEndOfFile, transfer);
			transfer.completed();
		}
		return null;
	}

	/** The type guessed from the name; text in the FTP server's charset, which is all anyone knows of it. */
	private String contentType(String name) {
		MediaType type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
		if ("text".equals(type.getType()) && type.getCharset() == null) {
			type = new MediaType(type, this.textCharset);
		}
		return type.toString();
	}

	/** {@code ?download=true} saves the file instead of showing it. */
	private static boolean attachment(ServletWebRequest request) {
		String download = request.getParameter(DOWNLOAD);
		if (download == null || download.equalsIgnoreCase("false")) {
			return false;
		}
		if (download.equalsIgnoreCase("true")) {
			return true;
		}
		throw GatewayProblems.badRequest("download takes true or false");
	}

	/**
	 * Whether the request has a header {@code checkNotModified} acts on. Without one it would only
	 * write the validators, which {@link #writeValidators} does anyway.
	 */
	private static boolean isConditional(ServletWebRequest request) {
		return request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
				|| request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null
				|| request.getHeader(HttpHeaders.IF_MATCH) != null
				|| request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) != null;
	}

	/** setHeader, not addHeader: checkNotModified may have written the validators already. */
	private static void writeValidators(HttpServletResponse response, FileMetadata file) {
		String etag = file.etag();
		if (etag != null) {
			response.setHeader(HttpHeaders.ETAG, etag);
		}
		if (file.modified() != null) {
			// The container formats and caches HTTP dates; HttpHeaders formats each one anew.
			response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.lastModifiedMillis());
		}
	}

	private Optional<ByteRange> ranged(ServletWebRequest request, FileMetadata file) {
		String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
		// A Range with a stale If-Range validator asks for the whole new file instead (RFC 9110 13.1.5).
		if (file.size() < 0 || (ifRange != null && !ifRange.equals(file.etag()))) {
			return Optional.empty();
		}
		return ByteRange.parse(request.getHeader(HttpHeaders.RANGE), file.size());
	}

	private ResponseEntity<?> listing(RemoteFolder folder, String accept, HttpServletRequest request,
			HttpServletResponse response, boolean withBody) throws IOException {
		if (withBody && !wantsText(accept)) {
			try (RunningTransfer transfer = this.transfers.start(request, folder.path(), TransferDirection.LISTING,
					-1)) {
				streamJson(folder, transfer.counting(response.getOutputStream()), response);
				transfer.completed();
			}
			return null;
		}
		List<FileInfo> entries = folder.entries()
			.stream()
			.map(FileInfo::of)
			.sorted(Comparator.comparing(FileInfo::name))
			.toList();
		if (wantsText(accept)) {
			StringBuilder names = new StringBuilder();
			entries.forEach((entry) -> names.append(entry.name()).append('\n'));
			ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN);
			return withBody ? builder.body(names.toString()) : builder.build();
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
		return withBody ? builder.body(new FolderListing(folder.path().toString(), entries)) : builder.build();
	}

	/**
	 * Writes a JSON listing entry by entry as the data connection delivers it, in the server's
	 * order: memory stays flat whatever the folder's size, and the first entries leave before the
	 * last arrive. The generator is closed (flushed) only on success, so a LIST refused before
	 * anything was sent still becomes a problem response; a failure after the response was
	 * committed drops the connection and leaves the JSON incomplete, never complete-looking.
	 */
	private void streamJson(RemoteFolder folder, OutputStream body, HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		JsonGenerator generator = this.json.createGenerator(body);
		generator.writeStartObject();
		generator.writeStringProperty("path", folder.path().toString());
		generator.writeArrayPropertyStart("entries");
		FileInfoWriter entries = new FileInfoWriter(generator);
		folder.list((entry) -> entries.write(FileInfo.of(entry)));
		generator.writeEndArray();
		generator.writeEndObject();
		generator.close();
	}

	// text/plain only when the client ranks it above JSON; browsers and "*/*" get JSON.
	private static boolean wantsText(String accept) {
		if (accept == null) {
			return false;
		}
		List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
		types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : types) {
			if (type.includes(MediaType.APPLICATION_JSON)) {
				return false;
			}
			if (type.includes(MediaType.TEXT_PLAIN)) {
				return true;
			}
		}
		return false;
	}

	/** Size, modification time and the validators derived from them, for one remote file. */
	private record FileMetadata(long size, Instant modified) {

		long lastModifiedMillis() {
			return (this.modified != null) ? this.modified.toEpochMilli() : -1;
		}

		String etag() {
			return EntityTags.of(this.size, this.modified);
		}

	}

}
