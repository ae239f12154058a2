package dev.ftpgateway.web.page;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.ftpgateway.files.RemoteEntry;
import dev.ftpgateway.files.RemoteFolder;
import dev.ftpgateway.web.share.ShareController;

/**
 * Answers a folder request that asked for HTML with the folder's page.
 * <p>
 * In the server's order (no {@code sort}), rows are written as the data connection delivers
 * them, and the first {@link #FLUSHED_ROWS} each leave at once: a person sees the top of a
 * 10,000-entry folder while the rest still arrives, and memory stays flat. A sorted page needs
 * the whole listing before its first row. Nothing is written before the first entry arrives (or
 * the listing ends), so a refused listing still becomes a problem response; a failure after that
 * drops the connection and leaves the page visibly unfinished.
 */
public final class FolderPages {

	/** Rows flushed one by one at the start of a streamed page; later ones leave as buffers fill. */
	static final int FLUSHED_ROWS = 20;

	/**
	 * Answers {@code GET} ({@code withBody}) or {@code HEAD} for {@code folder}. A folder named
	 * without its trailing slash is redirected to it first, as web servers do, so that the
	 * page's relative links resolve inside the folder.
	 * @return the response to render, or null when the page was written into {@code response}
	 */
	public ResponseEntity<?> answer(RemoteFolder folder, HttpServletRequest request, HttpServletResponse response,
			boolean withBody) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.endsWith("/")) {
			// "./" first: a name such as "a:b" would otherwise read as a scheme.
			String location = "./" + path.substring(path.lastIndexOf('/') + 1) + "/";
			if (request.getQueryString() != null) {
				location += "?" + request.getQueryString();
			}
			return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location).build();
		}
		ListingOrder order = ListingOrder.of(request.getParameter(ListingOrder.SORT),
				request.getParameter(ListingOrder.ORDER));
		FolderPage page = new FolderPage(folder.path(), Links.depth(path), order, PageCaller.current(),
				request.getParameter(ShareController.PARAMETER));
		response.setStatus(HttpStatus.OK.value());
		headers(response);
		if (!withBody) {
			return null;
		}
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		if (order.streamed()) {
			stream(folder, page, out);
		}
		else {
			List<RemoteEntry> entries = new ArrayList<>();
			folder.list(entries::add);
			entries.sort(order.comparator());
			page.start(out);
			for (RemoteEntry entry : entries) {
				page.row(out, entry);
			}
		}
		page.end(out);
		out.flush();
		return null;
	}

	/** The headers of every page: HTML in UTF-8, under a policy that runs only the gateway's own files. */
	static void headers(HttpServletResponse response) {
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Content-Security-Policy", PageLayout.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
	}

	private static void stream(RemoteFolder folder, FolderPage page, Writer out) throws IOException {
		StreamedRows rows = new StreamedRows(page, out);
		try {
			folder.list(rows::write);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		if (rows.count == 0) {
			page.start(out);
		}
	}

	/** Writes rows as they arrive, the page's start before the first. */
	private static final class StreamedRows {

		private final FolderPage page;

		private final Writer out;

		private int count;

		StreamedRows(FolderPage page, Writer out) {
			this.page = page;
			this.out = out;
		}

		void write(RemoteEntry entry) {
			try {
				if (this.count == 0) {
					this.page.start(this.out);
				}
				this.page.row(this.out, entry);
				this.count++;
				if (this.count <= FLUSHED_ROWS) {
					this.out.flush();
				}
			}
			catch (IOException ex) {
				// The listing's callback cannot throw IOException; stream() unwraps it.
				throw new UncheckedIOException(ex);
			}
		}

	}

}
