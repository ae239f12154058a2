package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.util.UriUtils;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.web.page.HtmlNegotiation;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The {@code /files} resource tree: every path below it is the file or folder at the same path
 * below the default server's remote root, and below {@code /servers/NAME/files} below server
 * NAME's ({@link FilesRoutesMapping}). The controller only maps HTTP onto the services.
 * <p>
 * Folders are created with {@code PUT /files/a/b/}: the trailing slash names a folder (as in
 * WebDAV and S3 folder markers), PUT is idempotent like {@code mkdir -p}, and no verb outside
 * HTTP's common set is needed. Moves are {@code POST /files/a?moveTo=/b}: a move changes two
 * resources and is not idempotent, so it is a POST on the source, and a query parameter keeps
 * it a one-line curl call.
 */
@RestController
@RequestMapping(RemotePathArgumentResolver.PREFIX)
@Tag(name = "files", description = "Files and folders on the FTP server, below the gateway's root folder")
@ApiResponse(responseCode = "400", description = "Invalid path (bad encoding, CR/LF/NUL, .. above the root)",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "502", description = "The FTP server failed, refused the gateway's login or was lost",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "All FTP sessions are busy (see Retry-After), or the server sent 4xx",
		headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "504", description = "The FTP server did not answer in time",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
public class FilesController {

	private static final String PATH = "/{*path}";

	private final DownloadService downloads;

	private final UploadService uploads;

	private final FileServerResolver servers;

	private final FormUploadService forms;

	public FilesController(DownloadService downloads, UploadService uploads, FileServerResolver servers,
			FormUploadService forms) {
		this.downloads = downloads;
		this.uploads = uploads;
		this.servers = servers;
		this.forms = forms;
	}

	@GetMapping(PATH)
	@Operation(summary = "Download a file or list a folder",
			description = "A file streams with Content-Length, Last-Modified, ETag and Accept-Ranges; a single "
					+ "Range (bytes=a-b, a-, -n) answers 206. A folder lists its entries as JSON, one name per line "
					+ "for Accept: text/plain, or as a page for browsers (Accept: text/html ahead of JSON).")
	@Parameter(name = "path", in = ParameterIn.PATH, required = true, description = "File or folder below the root, percent-encoded",
			schema = @Schema(type = "string", example = "tree/file1.txt"))
	@Parameter(name = DownloadService.DOWNLOAD, in = ParameterIn.QUERY, schema = @Schema(type = "boolean", defaultValue = "false"),
			description = "true: Content-Disposition attachment (save under the file's name) instead of inline")
	@Parameter(name = "sort", in = ParameterIn.QUERY, description = "A folder's page only: the column it is sorted by "
			+ "(folders first); without it, rows stream in the server's order",
			schema = @Schema(type = "string", allowableValues = { "name", "size", "modified" }))
	@Parameter(name = "order", in = ParameterIn.QUERY, description = "A folder's page only: the direction of sort",
			schema = @Schema(type = "string", allowableValues = { "asc", "desc" }, defaultValue = "asc"))
	@Parameter(name = "Range", in = ParameterIn.HEADER, description = "One byte range: bytes=a-b, bytes=a- or bytes=-n")
	@Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETag(s) the client holds; a match answers 304")
	@Parameter(name = "If-Modified-Since", in = ParameterIn.HEADER, description = "Answer 304 unless modified since")
	@Parameter(name = "If-Range", in = ParameterIn.HEADER, description = "Honour Range only if the ETag still matches")
	@Parameter(name = "archive", in = ParameterIn.QUERY, description = "zip or tar: the folder's whole tree as one archive, streamed (links left out; 413 over ftp-gateway.archive.*)")
	@Parameter(name = "compress", in = ParameterIn.QUERY, description = "With archive=zip: deflate the entries (default: stored blocks, no compression work)")
	@ApiResponse(responseCode = "200", description = "The file, or the folder listing",
			content = { @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/json", schema = @Schema(implementation = FolderListing.class)),
					@Content(mediaType = "text/plain", schema = @Schema(type = "string", description = "One name per line")),
					@Content(mediaType = "text/html", schema = @Schema(type = "string", description = "The folder's page")) },
			headers = { @Header(name = "ETag", description = "From size and modification time"),
					@Header(name = "Content-Disposition", description = "inline (attachment with download=true) and the file's name"),
					@Header(name = "Last-Modified", description = "From MDTM"),
					@Header(name = "Accept-Ranges", description = "bytes") })
	@ApiResponse(responseCode = "206", description = "The requested byte range",
			content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
			headers = @Header(name = "Content-Range", description = "bytes first-last/length"))
	@ApiResponse(responseCode = "304", description = "Not modified (If-None-Match / If-Modified-Since)")
	@ApiResponse(responseCode = "403", description = "The FTP server denied access", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such file or folder", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "416", description = "Range not satisfiable", headers = @Header(name = "Content-Range", description = "bytes */length"),
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<?> get(@Parameter(hidden = true) RemotePath path, ServletWebRequest request,
			HttpServletResponse response) throws IOException {
		return this.downloads.get(path, request, response, true);
	}

	@RequestMapping(path = PATH, method = RequestMethod.HEAD)
	@Operation(summary = "Headers of a file or folder, without the body",
			description = "The same status and headers as GET, without opening a transfer.")
	@Parameter(name = "path", in = ParameterIn.PATH, required = true, description = "File or folder below the root, percent-encoded",
			schema = @Schema(type = "string", example = "tree/file1.txt"))
	@ApiResponse(responseCode = "200", description = "Exists; headers as for GET")
	@ApiResponse(responseCode = "304", description = "Not modified")
	@ApiResponse(responseCode = "404", description = "No such file or folder", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<?> head(@Parameter(hidden = true) RemotePath path, ServletWebRequest request,
			HttpServletResponse response) throws IOException {
		return this.downloads.get(path, request, response, false);
	}

	@PutMapping(PATH)
	@Operation(summary = "Upload a file, or create a folder when the path ends in /",
			description = "The body streams into STOR under a temporary name in the same folder and is renamed into "
					+ "place after the server confirms it, so a failed or short upload leaves nothing behind. "
					+ "A path ending in / (with an empty body) creates that folder and its missing parents.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The file content",
					content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))))
	@Parameter(name = "path", in = ParameterIn.PATH, required = true, description = "Target file (or folder, ending in /)",
			schema = @Schema(type = "string", example = "tree/file1.txt"))
	@Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "* refuses to replace an existing file (412)")
	@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "ETag(s) of the version this write expects; another version answers 412 and nothing changes")
	@Parameter(name = "If-Unmodified-Since", in = ParameterIn.HEADER, description = "412 and nothing changes if the file was modified since")
	@ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", description = "The new resource"))
	@ApiResponse(responseCode = "204", description = "Replaced (or appended to) an existing file; folder already existed")
	@ApiResponse(responseCode = "404", description = "The parent folder does not exist (use mkdirs=true)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "A folder is in the way of the file, or a file in the way of the folder", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412", description = "A precondition failed (If-Match, If-Unmodified-Since, If-None-Match); nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "400", description = "Content-Range: a PUT replaces the whole file", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "507", description = "The FTP server is out of space", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<Void> put(@Parameter(hidden = true) RemotePath path,
			@Parameter(description = "Append to the file with APPE instead of replacing it (no temporary file)")
			@RequestParam(defaultValue = "false") boolean append,
			@Parameter(description = "Create missing parent folders first")
			@RequestParam(defaultValue = "false") boolean mkdirs, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (request.getHeader(HttpHeaders.CONTENT_RANGE) != null) {
			// RFC 9110 14.4: a server that does not apply Content-Range to a PUT must refuse it, or
			// the part would replace the whole file.
			throw GatewayProblems.badRequest("A PUT replaces the whole file: Content-Range is not supported on PUT;"
					+ " nothing was changed. Upload in parts with tus at /uploads");
		}
		if (path.hasTrailingSlash()) {
			if (request.getContentLengthLong() > 0) {
				throw GatewayProblems.badRequest("A path ending in / creates a folder and takes no body");
			}
			return created(this.servers.of(request).tree().makeFolders(path) ? HttpStatus.CREATED
					: HttpStatus.NO_CONTENT, request, path);
		}
		return created(this.uploads.put(path, request, response, append, mkdirs), request, path);
	}

	@DeleteMapping(PATH)
	@Operation(summary = "Delete a file (DELE) or a folder (RMD)")
	@Parameter(name = "path", in = ParameterIn.PATH, required = true, description = "File or folder below the root",
			schema = @Schema(type = "string", example = "tree/file1.txt"))
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such file or folder", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The folder is not empty (use recursive=true)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412", description = "A precondition failed; nothing was deleted", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "ETag(s) of the version this write expects; another version answers 412 and nothing changes")
	@Parameter(name = "If-Unmodified-Since", in = ParameterIn.HEADER, description = "412 and nothing changes if the file was modified since")
	public ResponseEntity<Void> delete(@Parameter(hidden = true) RemotePath path,
			@Parameter(description = "Delete a folder together with everything in it")
			@RequestParam(defaultValue = "false") boolean recursive, HttpServletRequest request) throws IOException {
		this.servers.of(request).tree().delete(path, recursive, WritePreconditions.of(request));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = PATH, params = "moveTo")
	@Operation(summary = "Move or rename a file or folder (RNFR/RNTO)",
			description = "Never replaces an existing destination. (A POST without moveTo whose body is "
					+ "multipart/form-data uploads an HTML form's files into the folder: README, \"Browser\".)")
	@Parameter(name = "path", in = ParameterIn.PATH, required = true, description = "The file or folder to move",
			schema = @Schema(type = "string", example = "tree/file1.txt"))
	@ApiResponse(responseCode = "201", description = "Moved", headers = @Header(name = "Location", description = "The new location"))
	@ApiResponse(responseCode = "404", description = "No such source, or the destination folder is missing (use mkdirs=true)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The destination exists, or is inside the source", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412", description = "A precondition on the source failed; nothing was moved", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "The request has a body: a move takes its parameters in the query string only", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "ETag(s) of the version this write expects; another version answers 412 and nothing changes")
	@Parameter(name = "If-Unmodified-Since", in = ParameterIn.HEADER, description = "412 and nothing changes if the file was modified since")
	public ResponseEntity<Void> move(@Parameter(hidden = true) RemotePath path,
			@Parameter(description = "The destination below the root, e.g. /archive/report.pdf (not percent-encoded twice)", required = true)
			@RequestParam String moveTo,
			@Parameter(description = "Create the destination's missing parent folders first")
			@RequestParam(defaultValue = "false") boolean mkdirs, HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			// A browser sends a form or text body to another origin without asking first; a move
			// that took one would let any page move files with a user's cached credentials.
			throw GatewayProblems.unsupportedBody("A move takes no body: moveTo and mkdirs go in the query string");
		}
		RemotePath destination = RemotePath.ofDecoded(moveTo);
		this.servers.of(request).tree().move(path, destination, mkdirs, WritePreconditions.of(request));
		return ResponseEntity.created(location(request, destination)).build();
	}

	/**
	 * Stores an HTML form's files in the folder (a multipart/form-data POST without moveTo), so a
	 * plain {@code <form>} uploads without a script. Left out of the OpenAPI description, which
	 * holds one POST per path, the move's; README's "Browser" section documents it.
	 */
	@PostMapping(path = PATH, params = "!moveTo")
	@Hidden
	public ResponseEntity<FormUploads> postForm(RemotePath path, @RequestParam(defaultValue = "false") boolean mkdirs,
			HttpServletRequest request) throws IOException {
		if (!isForm(request.getContentType())) {
			throw GatewayProblems.unsupportedBody("A POST without moveTo uploads an HTML form's files and takes "
					+ MediaType.MULTIPART_FORM_DATA_VALUE + "; a move takes moveTo and no body");
		}
		FormUploads stored = new FormUploads(this.forms.post(path, request, mkdirs));
		if (HtmlNegotiation.prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
			// A browser's form: show the folder, and a reload does not post the files again.
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location(request, path) + "/")).build();
		}
		return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(stored);
	}

	private static boolean isForm(String contentType) {
		try {
			return contentType != null
					&& MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The body of a form upload's 201: the files it stored. */
	public record FormUploads(List<FormUploadService.StoredFile> files) {
	}

	private static ResponseEntity<Void> created(HttpStatus status, HttpServletRequest request, RemotePath path) {
		if (status == HttpStatus.CREATED) {
			return ResponseEntity.created(location(request, path)).build();
		}
		return ResponseEntity.status(status).build();
	}

	/** Where {@code path} is on the request's server: below the prefix the request came by. */
	private static URI location(HttpServletRequest request, RemotePath path) {
		StringBuilder location = new StringBuilder(FilesRoute.of(request).orElseThrow().prefix());
		path.segments().forEach((segment) -> location.append('/').append(UriUtils.encodePathSegment(segment, "UTF-8")));
		return URI.create(location.toString());
	}

}
