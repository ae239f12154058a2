package dev.ftpgateway.web.archive;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletResponse;

import dev.ftpgateway.files.FolderArchives;
import dev.ftpgateway.transfers.RunningTransfer;

/** The archive formats a folder downloads as. */
enum ArchiveFormat {

	ZIP(ArchiveFormat.ZIP_TYPE, ".zip"), TAR("application/x-tar", ".tar");

	static final String ZIP_TYPE = "application/zip";

	private final String contentType;

	private final String extension;

	ArchiveFormat(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	String contentType() {
		return this.contentType;
	}

	String extension() {
		return this.extension;
	}

	/**
	 * A writer of this format onto the response body.
	 * @param headers sets the response's headers, run once the tree is known to fit the limits
	 * @param transfer counts the archive's bytes as they leave, and stops them when cancelled
	 */
	FolderArchives.Writer writer(HttpServletResponse response, boolean compress, Runnable headers,
			RunningTransfer transfer) {
		ResponseBody body = () -> transfer.counting(body(response, headers).open());
		return switch (this) {
			case ZIP -> new ZipWriter(body, compress);
			case TAR -> new TarWriter(body);
		};
	}

	/**
	 * The response body, opened when the archive begins: the headers are set and flushed then, so
	 * the status is committed and any later failure cuts the connection instead of becoming a
	 * problem response after part of an archive.
	 */
	private static ResponseBody body(HttpServletResponse response, Runnable headers) {
		return () -> {
			headers.run();
			OutputStream out = response.getOutputStream();
			response.flushBuffer();
			return out;
		};
	}

	/** Opens the response body. */
	@FunctionalInterface
	interface ResponseBody {

		OutputStream open() throws IOException;

	}

}
