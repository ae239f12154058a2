package dev.ftpgateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadIT extends GatewayTestSupport {

	private static final String CONTENT = "0123456789abcdefghij";

	private void writeFile(String name) throws Exception {
		Files.writeString(this.folder.resolve(name), CONTENT, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(this.folder.resolve(name), FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
	}

	@Test
	void fileStreamsWithLengthTypeAndValidators() throws Exception {
		writeFile("notes.txt");
		HttpResponse<String> response = get(this.base + "/notes.txt");
		assertStatus(response, 200);
		assertThat(response.body()).isEqualTo(CONTENT);
		assertThat(response.headers().firstValue("Content-Length")).hasValue("20");
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
		assertThat(response.headers().firstValue("Last-Modified")).hasValue("Mon, 06 May 2024 07:08:09 GMT");
		assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(response.headers().allValues("ETag")).hasSize(1).allMatch((etag) -> etag.startsWith("\""));
		awaitNoActiveSessions();
	}

	@Test
	void browsersAndCurlSaveDownloadsUnderTheFilesName() throws Exception {
		writeFile("café menu.txt");
		HttpResponse<String> response = get(this.base + "/caf%C3%A9%20menu.txt?download=true");
		assertStatus(response, 200);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"caf_ menu.txt\"; filename*=UTF-8''caf%C3%A9%20menu.txt");
		assertThat(response.headers().firstValue("Content-Type").map(String::toLowerCase))
			.hasValue("text/plain;charset=utf-8");
	}

	@Test
	void theGatewaysAddressLeadsToTheFiles() throws Exception {
		HttpResponse<String> response = get("/");
		assertStatus(response, 302);
		assertThat(uri("/").resolve(response.headers().firstValue("Location").orElseThrow())).isEqualTo(uri("/files/"));
	}

	@Test
	void unknownExtensionsAreOctetStreams() throws Exception {
		writeFile("blob.weird");
		assertThat(get(this.base + "/blob.weird").headers().firstValue("Content-Type"))
			.hasValue("application/octet-stream");
	}

	@Test
	void rangesAnswerPartialContent() throws Exception {
		writeFile("r.bin");
		assertRange("bytes=2-5", "2345", "bytes 2-5/20");
		assertRange("bytes=15-", "fghij", "bytes 15-19/20");
		assertRange("bytes=-3", "hij", "bytes 17-19/20");
		assertRange("bytes=18-100", "ij", "bytes 18-19/20");
		awaitNoActiveSessions();
	}

	private void assertRange(String range, String body, String contentRange) throws Exception {
		HttpResponse<String> response = send(request(this.base + "/r.bin").header("Range", range));
		assertStatus(response, 206);
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.headers().firstValue("Content-Range")).hasValue(contentRange);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length()));
	}

	@Test
	void rangeBeyondTheEndIs416Problem() throws Exception {
		writeFile("r.bin");
		HttpResponse<String> response = send(request(this.base + "/r.bin").header("Range", "bytes=20-"));
		assertStatus(response, 416);
		assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */20");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void staleIfRangeSendsTheWholeFile() throws Exception {
		writeFile("r.bin");
		HttpResponse<String> response = send(
				request(this.base + "/r.bin").header("Range", "bytes=0-1").header("If-Range", "\"stale\""));
		assertStatus(response, 200);
		assertThat(response.body()).isEqualTo(CONTENT);
	}

	@Test
	void matchingEtagAnswers304() throws Exception {
		writeFile("c.txt");
		String etag = get(this.base + "/c.txt").headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> response = send(request(this.base + "/c.txt").header("If-None-Match", etag));
		assertStatus(response, 304);
		assertThat(response.body()).isEmpty();
		assertStatus(send(request(this.base + "/c.txt").header("If-None-Match", "\"other\"")), 200);
		awaitNoActiveSessions();
	}

	@Test
	void notModifiedSinceAnswers304() throws Exception {
		writeFile("c.txt");
		String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2024-06-01T00:00:00Z").atZone(ZoneOffset.UTC));
		String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2024-01-01T00:00:00Z").atZone(ZoneOffset.UTC));
		assertStatus(send(request(this.base + "/c.txt").header("If-Modified-Since", later)), 304);
		assertStatus(send(request(this.base + "/c.txt").header("If-Modified-Since", earlier)), 200);
	}

	@Test
	void failedIfUnmodifiedSinceAnswers412NotA304() throws Exception {
		writeFile("u.txt");
		String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2024-01-01T00:00:00Z").atZone(ZoneOffset.UTC));
		HttpResponse<String> response = send(request(this.base + "/u.txt").header("If-Unmodified-Since", earlier));
		assertStatus(response, 412);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void headSendsTheHeadersWithoutABody() throws Exception {
		writeFile("h.txt");
		HttpResponse<String> response = send(request(this.base + "/h.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertStatus(response, 200);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Length")).hasValue("20");
		assertThat(response.headers().firstValue("ETag")).isPresent();
		assertThat(response.headers().firstValue("Last-Modified")).isPresent();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
		awaitNoActiveSessions();
	}

	@Test
	void folderListsAsJsonWithOrWithoutTrailingSlash() throws Exception {
		writeFile("b.txt");
		Files.createDirectory(this.folder.resolve("a-folder"));
		for (String path : new String[] { this.base, this.base + "/" }) {
			HttpResponse<String> response = get(path);
			assertStatus(response, 200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(response.body()).contains("\"name\":\"a-folder\"", "\"type\":\"directory\"", "\"name\":\"b.txt\"",
					"\"type\":\"file\"", "\"size\":20", "\"modified\":\"2024-05-06T07:08:09Z\"");
			assertThat(response.body().indexOf("a-folder")).isLessThan(response.body().indexOf("b.txt"));
		}
	}

	@Test
	void folderListsOneNamePerLineForTextPlain() throws Exception {
		writeFile("b.txt");
		Files.createDirectory(this.folder.resolve("a-folder"));
		HttpResponse<String> response = send(request(this.base + "/").header("Accept", "text/plain"));
		assertStatus(response, 200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
		assertThat(response.body()).isEqualTo("a-folder\nb.txt\n");
	}

	@Test
	void rootFolderIsListed() throws Exception {
		assertStatus(get("/files"), 200);
		assertThat(get("/files/").body()).contains(this.folder.getFileName().toString());
	}

	@Test
	void encodedNamesAreDecodedOnce() throws Exception {
		Files.writeString(this.folder.resolve("a b%20é.txt"), "x", StandardCharsets.UTF_8);
		HttpResponse<String> response = get(this.base + "/a%20b%2520%C3%A9.txt");
		assertStatus(response, 200);
		assertThat(response.body()).isEqualTo("x");
	}

	@Test
	void missingFileIs404ProblemWithTheFtpReply() throws Exception {
		HttpResponse<String> response = get(this.base + "/missing.txt");
		assertStatus(response, 404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":404", "\"ftpCode\":", "\"ftpReply\":");
		awaitNoActiveSessions();
	}

}
