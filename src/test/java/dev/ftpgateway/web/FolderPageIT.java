package dev.ftpgateway.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folders as HTML pages for browsers, over Jetty, against the embedded server. */
class FolderPageIT extends GatewayTestSupport {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	/** The name link of each file row. */
	private static final Pattern FILE_LINK = Pattern.compile("<td class=\"name\"><a href=\"([^\"]+)\" data-file>");

	@Test
	void browsersGetAPageUnderAStrictContentSecurityPolicy() throws Exception {
		Files.writeString(this.folder.resolve("notes.txt"), "hello");
		HttpResponse<String> page = send(request(this.base + "/").header("Accept", BROWSER_ACCEPT));
		assertStatus(page, 200);
		assertThat(page.headers().firstValue("Content-Type").map(String::toLowerCase)).hasValue("text/html;charset=utf-8");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("default-src 'none'", "script-src 'self'", "style-src 'self'");
		assertThat(page.headers().allValues("Vary")).contains("Accept");
		assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<a href=\"notes.txt\" data-file>notes.txt</a>")
			.endsWith("</html>\n");
		awaitNoActiveSessions();
	}

	@Test
	void everyoneElseKeepsTheJsonListing() throws Exception {
		Files.writeString(this.folder.resolve("notes.txt"), "hello");
		for (String accept : List.of("*/*", "application/json")) {
			HttpResponse<String> listing = send(request(this.base + "/").header("Accept", accept));
			assertThat(listing.headers().firstValue("Content-Type")).hasValue("application/json");
		}
		assertThat(get(this.base + "/").headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void oddNamesRoundTripFromThePagesLinksToTheirFiles() throws Exception {
		// MINA's file system takes '?' for a pattern, so it is left to the renderer's unit test.
		List<String> names = List.of("a b.txt", "#hash", "100%", "a&b=c", "it's \"quoted\"", "<tag>.html",
				"\u00fcml\u00e4ut", "\ud83d\ude00 emoji", "semi;colon", "plus+sign", "colon:first");
		Map<String, String> contents = new LinkedHashMap<>();
		for (String name : names) {
			contents.put(name, "content of " + name);
			Files.writeString(this.folder.resolve(name), contents.get(name), StandardCharsets.UTF_8);
		}
		URI pageUri = uri(this.base + "/");
		HttpResponse<String> page = send(request(this.base + "/").header("Accept", "text/html"));
		Matcher links = FILE_LINK.matcher(page.body());
		Map<String, String> downloaded = new LinkedHashMap<>();
		while (links.find()) {
			URI file = pageUri.resolve(links.group(1));
			HttpResponse<String> download = this.http.send(
					java.net.http.HttpRequest.newBuilder(file).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			assertStatus(download, 200);
			downloaded.put(download.body().substring("content of ".length()), download.body());
		}
		assertThat(downloaded).containsExactlyInAnyOrderEntriesOf(contents);
		awaitNoActiveSessions();
	}

	@Test
	void aFolderNamedWithoutItsSlashLeadsToIt() throws Exception {
		HttpResponse<String> response = send(request(this.base + "?sort=size").header("Accept", "text/html"));
		assertStatus(response, 302);
		String name = this.base.substring(this.base.lastIndexOf('/') + 1);
		assertThat(response.headers().firstValue("Location")).hasValue("./" + name + "/?sort=size");
	}

	@Test
	void sortedPagesListFoldersFirstThenByTheColumn() throws Exception {
		Files.writeString(this.folder.resolve("small.txt"), "1");
		Files.writeString(this.folder.resolve("large.txt"), "1234567890");
		Files.createDirectory(this.folder.resolve("zfolder"));
		String page = send(request(this.base + "/?sort=size&order=desc").header("Accept", "text/html")).body();
		assertThat(page.indexOf("data-name=\"zfolder\"")).isPositive()
			.isLessThan(page.indexOf("data-name=\"large.txt\""));
		assertThat(page.indexOf("data-name=\"large.txt\"")).isLessThan(page.indexOf("data-name=\"small.txt\""));
		assertThat(page).contains("aria-sort=\"descending\"><a href=\"?sort=size&amp;order=asc\">Size</a>");
	}

	@Test
	void anUnknownSortIsABadRequest() throws Exception {
		HttpResponse<String> response = send(request(this.base + "/?sort=owner").header("Accept", "text/html"));
		assertStatus(response, 400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void headOfAPageSendsItsHeadersOnly() throws Exception {
		HttpResponse<String> response = send(request(this.base + "/").header("Accept", "text/html")
			.method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
		assertStatus(response, 200);
		assertThat(response.headers().firstValue("Content-Type").map(String::toLowerCase))
			.hasValue("text/html;charset=utf-8");
		assertThat(response.body()).isEmpty();
	}

	@Test
	void thePagesScriptAndStyleSheetAreServed() throws Exception {
		HttpResponse<String> script = get("/assets/folder-page.js");
		assertStatus(script, 200);
		assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
		assertStatus(get("/assets/folder-page.css"), 200);
	}

}
