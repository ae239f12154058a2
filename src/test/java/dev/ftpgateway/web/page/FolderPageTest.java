package dev.ftpgateway.web.page;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.ftpgateway.files.RemoteEntry;
import dev.ftpgateway.files.RemotePath;

import static org.assertj.core.api.Assertions.assertThat;

class FolderPageTest {

	private static final PageCaller READER = new PageCaller(true, false, false);

	private static final PageCaller ADMIN = new PageCaller(true, true, true);

	@Test
	void hostileNamesAreEscapedInTextAndAttributesAndEncodedInLinks() throws IOException {
		String hostile = "<script>alert(\"x\" & 'y')</script>.txt";
		String page = render(RemotePath.ofDecoded("/a&b/<c>"), ListingOrder.SERVER, ADMIN, file(hostile, 10));
		String escaped = "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;.txt";
		assertThat(page).doesNotContain("<script>alert", "<c>", "a&b")
			.contains("data-name=\"" + escaped + "\"", ">" + escaped + "</a>",
					"href=\"%3Cscript%3Ealert%28%22x%22%20%26%20%27y%27%29%3C%2Fscript%3E.txt\"",
					"<li aria-current=\"page\">&lt;c&gt;</li>", "<a href=\"../\">a&amp;b</a>",
					"data-folder=\"/a&amp;b/&lt;c&gt;/\"", "<title>/a&amp;b/&lt;c&gt;/ - ftp-gateway</title>");
	}

	@Test
	void everyEntryIsAPlainRelativeLinkAndFoldersEndInASlash() throws IOException {
		String page = render(RemotePath.ofDecoded("/tree"), ListingOrder.SERVER, READER, folder("sub dir"),
				file("a#b?c%d.txt", 1536), file("\u00fcml\u00e4ut \ud83d\ude00.txt", 3));
		assertThat(page).contains("<a href=\"sub%20dir/\">sub dir/</a>", "<a href=\"a%23b%3Fc%25d.txt\" data-file>",
				"<a href=\"%C3%BCml%C3%A4ut%20%F0%9F%98%80.txt\" data-file>", "title=\"1536 bytes\">1.5 KiB",
				"<a href=\"../\" rel=\"up\">", "<a href=\"a%23b%3Fc%25d.txt?download=true\" data-file download>");
	}

	@Test
	void assetsAndBreadcrumbsAreLinkedRelativelyFromTheFoldersDepth() throws IOException {
		String page = render(RemotePath.ofDecoded("/a/b"), ListingOrder.SERVER, READER);
		assertThat(page).contains("href=\"../../../assets/folder-page.css\"", "src=\"../../../assets/folder-page.js\"",
				"<li><a href=\"../../\">files</a></li><li><a href=\"../\">a</a></li><li aria-current=\"page\">b</li>");
		String root = render(RemotePath.root(), ListingOrder.SERVER, READER);
		assertThat(root).contains("href=\"../assets/folder-page.css\"", "<li aria-current=\"page\">files</li>")
			.doesNotContain("rel=\"up\"");
	}

	@Test
	void aPageOpenedWithAShareLinkCarriesItsTokenOnEveryLink() throws IOException {
		String page = render(RemotePath.ofDecoded("/docs/sub"), ListingOrder.SERVER, READER, "read.1893456000./docs/.sig+/",
				folder("inner"), file("a.txt", 3));
		String token = "share=read.1893456000.%2Fdocs%2F.sig%2B%2F";
		assertThat(page).contains("<a href=\"inner/?" + token + "\">", "<a href=\"a.txt?" + token + "\" data-file>",
				"<a href=\"a.txt?download=true&amp;" + token + "\" data-file download>",
				"<a href=\"../?" + token + "\" rel=\"up\">", "<a href=\"?sort=name&amp;order=asc&amp;" + token + "\">");
	}

	@Test
	void noInlineScriptOrStyle() throws IOException {
		String page = render(RemotePath.ofDecoded("/a"), ListingOrder.SERVER, ADMIN, file("x", 1), folder("y"));
		assertThat(page).doesNotContain("<style", "style=", "javascript:")
			.doesNotContainPattern(" on[a-z]+=")
			.contains("<script src=");
		assertThat(page.split("<script")).hasSize(2);
	}

	@Test
	void actionsFollowTheCallersScopes() throws IOException {
		String reader = render(RemotePath.ofDecoded("/a"), ListingOrder.SERVER, READER, file("x", 1));
		assertThat(reader).doesNotContain("id=\"upload\"", "new-folder", "data-action").contains("?download=true");
		String writer = render(RemotePath.ofDecoded("/a"), ListingOrder.SERVER, new PageCaller(true, true, false),
				file("x", 1));
		assertThat(writer).contains("id=\"upload\"", "enctype=\"multipart/form-data\"", "id=\"new-folder\"",
				"data-action=\"move\"").doesNotContain("data-action=\"delete\"");
		assertThat(render(RemotePath.ofDecoded("/a"), ListingOrder.SERVER, ADMIN, file("x", 1)))
			.contains("data-action=\"delete\"");
	}

	@Test
	void columnHeadingsLinkToTheirSortAndTurnItAround() throws IOException {
		String unsorted = render(RemotePath.ofDecoded("/a"), ListingOrder.SERVER, READER);
		assertThat(unsorted).contains("<a href=\"?sort=name&amp;order=asc\">Name</a>",
				"<a href=\"?sort=size&amp;order=asc\">Size</a>", "<a href=\"?sort=modified&amp;order=asc\">Modified",
				"<tbody data-sorted=\"false\">");
		String byName = render(RemotePath.ofDecoded("/a"), ListingOrder.of("name", "asc"), READER);
		assertThat(byName).contains("aria-sort=\"ascending\"><a href=\"?sort=name&amp;order=desc\">Name</a>",
				"<tbody data-sorted=\"true\">");
	}

	@Test
	void sortedOrdersPutFoldersFirst() {
		List<RemoteEntry> entries = new ArrayList<>(List.of(file("b", 5), folder("z"), file("A", 9), folder("c")));
		entries.sort(ListingOrder.of("size", "desc").comparator());
		assertThat(entries).extracting(RemoteEntry::name).containsExactly("z", "c", "A", "b");
		entries.sort(ListingOrder.of("name", null).comparator());
		assertThat(entries).extracting(RemoteEntry::name).containsExactly("c", "z", "A", "b");
		entries.sort(ListingOrder.of(null, "desc").comparator());
		assertThat(entries).extracting(RemoteEntry::name).containsExactly("z", "c", "b", "A");
	}

	private static String render(RemotePath folder, ListingOrder order, PageCaller caller, RemoteEntry... entries)
			throws IOException {
		return render(folder, order, caller, null, entries);
	}

	private static String render(RemotePath folder, ListingOrder order, PageCaller caller, String share,
			RemoteEntry... entries) throws IOException {
		StringBuilder out = new StringBuilder();
		FolderPage page = new FolderPage(folder, folder.segments().size() + 1, order, caller, share);
		page.start(out);
		for (RemoteEntry entry : entries) {
			page.row(out, entry);
		}
		page.end(out);
		return out.toString();
	}

	private static RemoteEntry file(String name, long size) {
		return new RemoteEntry(name, RemoteEntry.Type.FILE, OptionalLong.of(size),
				Optional.of(Instant.parse("2024-05-06T07:08:09Z")), Optional.empty(), Optional.empty());
	}

	private static RemoteEntry folder(String name) {
		return new RemoteEntry(name, RemoteEntry.Type.FOLDER, OptionalLong.empty(), Optional.empty(), Optional.empty(),
				Optional.empty());
	}

}
