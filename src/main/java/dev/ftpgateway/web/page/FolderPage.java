package dev.ftpgateway.web.page;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.ftpgateway.files.RemoteEntry;
import dev.ftpgateway.files.RemotePath;

/**
 * Renders one folder as an HTML page, in three calls so that rows can be written as the listing
 * arrives: {@link #start}, {@link #row} for each entry, {@link #end}. Every entry is a plain
 * relative {@code <a href>} (folders end in {@code /}), which is all {@code wget -r} and rclone's
 * http backend need; actions the caller's scopes allow are buttons the script wires up.
 */
final class FolderPage {

	private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	private final RemotePath folder;

	private final int depth;

	private final ListingOrder order;

	private final PageCaller caller;

	private final String shareQuery;

	private int folders;

	private int files;

	/**
	 * @param folder the folder shown
	 * @param depth how many levels below the gateway's root the page is ({@link Links#depth})
	 * @param order the order its rows come in
	 * @param caller what the caller may do
	 * @param share the share link's token the page was opened with, carried on to every link so
	 *        that a shared folder can be browsed; null without one
	 */
	FolderPage(RemotePath folder, int depth, ListingOrder order, PageCaller caller, String share) {
		this.folder = folder;
		this.depth = depth;
		this.order = order;
		this.caller = caller;
		this.shareQuery = (share != null) ? "share=" + URLEncoder.encode(share, StandardCharsets.UTF_8) : "";
	}

	/** {@code href} with the share link's token added to its query, when the page carries one. */
	private String carry(String href) {
		if (this.shareQuery.isEmpty()) {
			return href;
		}
		return href + (href.contains("?") ? "&" : "?") + this.shareQuery;
	}

	/** The folder's path as the page shows it, with a trailing slash: {@code /}, {@code /a/b/}. */
	String title() {
		return this.folder.isRoot() ? "/" : this.folder + "/";
	}

	void start(Appendable out) throws IOException {
		String attributes = " data-folder=\"" + Html.escape(title()) + "\" data-signed-in=\"" + this.caller.signedIn()
				+ "\" data-offer-sign-in=\"" + this.caller.mayGainScopes() + "\" data-write=\""
				+ this.caller.canWrite() + "\" data-delete=\"" + this.caller.canDelete() + "\"";
		PageLayout.head(out, title(), this.depth, attributes);
		out.append("<header>\n");
		breadcrumbs(out);
		PageLayout.account(out);
		out.append("</header>\n");
		if (this.caller.canWrite()) {
			tools(out);
		}
		out.append("<p id=\"status\" role=\"status\"></p>\n<main id=\"listing\">\n<table>\n<thead><tr>");
		heading(out, ListingOrder.Column.NAME, "Name");
		heading(out, ListingOrder.Column.SIZE, "Size");
		heading(out, ListingOrder.Column.MODIFIED, "Modified (UTC)");
		out.append("<th scope=\"col\">Type</th><th scope=\"col\">Actions</th></tr></thead>\n<tbody data-sorted=\"")
			.append(String.valueOf(!this.order.streamed()))
			.append("\">\n");
		if (!this.folder.isRoot()) {
			out.append("<tr class=\"parent\"><td colspan=\"5\">")
				.append("<a href=\"")
				.append(Html.escape(carry("../")))
				.append("\" rel=\"up\">../</a> (parent folder)</td></tr>\n");
		}
	}

	/** Path from the root, each folder on it a link; the current one is not. */
	private void breadcrumbs(Appendable out) throws IOException {
		List<String> segments = this.folder.segments();
		out.append("<nav aria-label=\"Folder path\"><ol class=\"crumbs\">");
		if (segments.isEmpty()) {
			out.append("<li aria-current=\"page\">files</li>");
		}
		else {
			out.append("<li><a href=\"").append(Html.escape(carry(Links.up(segments.size())))).append("\">files</a></li>");
		}
		for (int i = 0; i < segments.size(); i++) {
			String name = Html.escape(segments.get(i));
			if (i == segments.size() - 1) {
				out.append("<li aria-current=\"page\">").append(name).append("</li>");
			}
			else {
				out.append("<li><a href=\"")
					.append(Html.escape(carry(Links.up(segments.size() - 1 - i))))
					.append("\">")
					.append(name)
					.append("</a></li>");
			}
		}
		out.append("</ol></nav>\n");
	}

	/** Upload (a plain form that works without the script) and new folder, for callers who may write. */
	private static void tools(Appendable out) throws IOException {
		out.append("<section class=\"tools\" aria-label=\"Change this folder\">\n")
			.append("<form id=\"upload\" method=\"post\" enctype=\"multipart/form-data\" action=\"./\">")
			.append("<label for=\"files\">Upload files</label> ")
			.append("<input type=\"file\" id=\"files\" name=\"file\" multiple> ")
			.append("<button type=\"submit\">Upload</button></form>\n")
			.append("<button type=\"button\" id=\"new-folder\">New folder</button>\n")
			.append("<p class=\"hint\">or drop files anywhere on the page</p>\n")
			.append("<ul id=\"transfers\" aria-label=\"Uploads\"></ul>\n")
			.append("</section>\n");
	}

	private void heading(Appendable out, ListingOrder.Column column, String label) throws IOException {
		out.append("<th scope=\"col\" aria-sort=\"")
			.append(this.order.ariaSort(column))
			.append("\"><a href=\"")
			.append(Html.escape(carry(this.order.linkFor(column))))
			.append("\">")
			.append(label)
			.append("</a></th>");
	}

	void row(Appendable out, RemoteEntry entry) throws IOException {
		String name = Html.escape(entry.name());
		boolean folder = entry.isFolder();
		if (folder) {
			this.folders++;
		}
		else {
			this.files++;
		}
		String href = Links.segment(entry.name()) + (folder ? "/" : "");
		out.append("<tr data-name=\"")
			.append(name)
			.append("\" data-type=\"")
			.append(type(entry))
			.append("\"><td class=\"name\"><a href=\"")
			.append(Html.escape(carry(href)))
			.append(folder ? "\">" : "\" data-file>")
			.append(name)
			.append(folder ? "/" : "")
			.append("</a></td><td class=\"size\"");
		if (!folder && entry.size().isPresent()) {
			long bytes = entry.size().getAsLong();
			out.append(" title=\"").append(Long.toString(bytes)).append(" bytes\">").append(Sizes.human(bytes));
		}
		else {
			out.append('>');
		}
		out.append("</td><td class=\"modified\">");
		if (entry.modified().isPresent()) {
			Instant modified = entry.modified().get();
			out.append("<time datetime=\"")
				.append(modified.toString())
				.append("\">")
				.append(SHOWN_TIME.format(modified))
				.append("</time>");
		}
		out.append("</td><td class=\"type\">").append(type(entry)).append("</td><td class=\"actions\">");
		if (!folder) {
			out.append("<a href=\"")
				.append(Html.escape(carry(href + "?download=true")))
				.append("\" data-file download>Download</a> ");
		}
		if (this.caller.canWrite()) {
			out.append("<button type=\"button\" data-action=\"move\">Rename or move</button> ");
		}
		if (this.caller.canDelete()) {
			out.append("<button type=\"button\" data-action=\"delete\">Delete</button>");
		}
		out.append("</td></tr>\n");
	}

	private static String type(RemoteEntry entry) {
		return switch (entry.type()) {
			case FOLDER -> "folder";
			case FILE -> "file";
			case SYMLINK -> "link";
			case OTHER -> "other";
		};
	}

	void end(Appendable out) throws IOException {
		out.append("</tbody>\n</table>\n<p class=\"summary\">")
			.append(count(this.folders, "folder"))
			.append(", ")
			.append(count(this.files, "file"))
			.append("</p>\n</main>\n");
		PageLayout.end(out);
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
