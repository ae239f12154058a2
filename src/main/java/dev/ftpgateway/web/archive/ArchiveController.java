package dev.ftpgateway.web.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.files.FileOperationException;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FolderArchives;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.web.DownloadService;
import dev.ftpgateway.web.FileServerResolver;
import dev.ftpgateway.web.RequestTransfers;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * A folder as one archive: {@code GET /files/dir/?archive=zip} (or {@code Accept: application/zip})
 * and {@code ?archive=tar}, streamed from the FTP server to the client on one session. The
 * status is committed once the tree is listed and fits the limits; a failure after that cuts the
 * connection, so a client never holds a complete-looking archive that is not.
 */
@RestController
public class ArchiveController {

	private static final String PATH = "/files/{*path}";

	private final FileServerResolver servers;

	private final ArchiveSettings settings;

	private final DownloadService downloads;

	private final RequestTransfers transfers;

	public ArchiveController(FileServerResolver servers, ArchiveSettings settings, DownloadService downloads,
			RequestTransfers transfers) {
		this.servers = servers;
		this.transfers = transfers;
		this.settings = settings;
		this.downloads = downloads;
	}

	// Documented with GET /files/{path} (springdoc keeps one operation per path and method).
	@GetMapping(path = PATH, params = "archive")
	@Operation(hidden = true)
	public void archive(@Parameter(hidden = true) RemotePath path,
			@Parameter(description = "zip or tar") @RequestParam String archive,
			@Parameter(description = "Deflate ZIP entries (costs CPU; most files compress little)")
			@RequestParam(defaultValue = "false") boolean compress, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		write(path, format(archive), compress, request, response);
	}

	/**
	 * {@code Accept: application/zip} asks for a folder as a ZIP; a file asked for that way is
	 * still the file (a {@code .zip} on the server, most likely).
	 */
	@GetMapping(path = PATH, produces = ArchiveFormat.ZIP_TYPE)
	@Operation(hidden = true)
	public ResponseEntity<?> zip(@Parameter(hidden = true) RemotePath path,
			@RequestParam(defaultValue = "false") boolean compress, ServletWebRequest request,
			HttpServletResponse response) throws IOException {
		try {
			write(path, ArchiveFormat.ZIP, compress, request.getRequest(), response);
			return null;
		}
		catch (FileOperationException ex) {
			if (ex.reason() != FileOperationException.Reason.NOT_APPLICABLE) {
				throw ex;
			}
			return this.downloads.get(path, request, response, true);
		}
	}

	private void write(RemotePath path, ArchiveFormat format, boolean compress, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String name = path.isRoot() ? "files" : path.name();
		FileServer server = this.servers.of(request);
		try (RunningTransfer transfer = this.transfers.start(request, path, TransferDirection.DOWNLOAD, -1)) {
			FolderArchives.Writer writer = format.writer(response, compress, () -> {
				response.setContentType(format.contentType());
				response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(name + format.extension(), StandardCharsets.UTF_8)
							.build()
							.toString());
			}, transfer);
			server.archives()
				.write(path, new FolderArchives.Limits(this.settings.maxEntries(), this.settings.maxBytes()), writer);
			transfer.completed();
		}
	}

	private static ArchiveFormat format(String archive) {
		return switch (archive.toLowerCase(Locale.ROOT)) {
			case "zip" -> ArchiveFormat.ZIP;
			case "tar" -> ArchiveFormat.TAR;
			default -> throw GatewayProblems.badRequest("archive must be zip or tar, not '" + archive + "'");
		};
	}

}
