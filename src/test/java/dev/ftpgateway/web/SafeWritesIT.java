package dev.ftpgateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that must not lose data: a partial PUT, a body of any Content-Type, and the
 * preconditions that keep two clients from silently overwriting each other's changes.
 */
class SafeWritesIT extends GatewayTestSupport {

	private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09Z");

	private Path file;

	@BeforeEach
	void createFile() throws Exception {
		this.file = Files.writeString(this.folder.resolve("report.txt"), "0123456789");
		Files.setLastModifiedTime(this.file, FileTime.from(MODIFIED));
	}

	@Test
	void aPutWithContentRangeIsRefusedAndTouchesNothing() throws Exception {
		HttpResponse<String> response = send(request(this.base + "/report.txt").header("Content-Range", "bytes 5-9/10")
			.PUT(HttpRequest.BodyPublishers.ofString("ABCDE")));
		assertStatus(response, 400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Files.readString(this.file)).isEqualTo("0123456789");
	}

	@Test
	void aFormEncodedBodyIsUploadedAsItsBytes() throws Exception {
		// curl -X PUT --data-binary sends this Content-Type unless told otherwise.
		HttpResponse<String> response = send(request(this.base + "/data.csv")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(HttpRequest.BodyPublishers.ofString("a=b&moveTo=/elsewhere")));
		assertStatus(response, 201);
		assertThat(Files.readString(this.folder.resolve("data.csv"))).isEqualTo("a=b&moveTo=/elsewhere");
	}

	@Test
	void aMoveTakesItsParametersFromTheQueryNeverFromAFormBody() throws Exception {
		HttpResponse<String> response = send(request(this.base + "/report.txt")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("moveTo=" + this.base.substring("/files".length()) + "/moved.txt")));
		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(this.file).exists();
		assertThat(this.folder.resolve("moved.txt")).doesNotExist();
	}

	@Test
	void aMoveWithABodyIsRefused() throws Exception {
		String target = this.base.substring("/files".length()) + "/moved.txt";
		HttpResponse<String> response = send(request(this.base + "/report.txt?moveTo=" + target)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("anything")));
		assertStatus(response, 415);
		assertThat(this.file).exists();
	}

	@Test
	void anOverlongUtf8MoveTargetIsRefusedBeforeTheFtpServerHearsOfIt() throws Exception {
		HttpResponse<String> response = send(
				request(this.base + "/report.txt?moveTo=%C0%AE%C0%AE/x.txt").POST(HttpRequest.BodyPublishers.noBody()));
		assertStatus(response, 400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.file).exists();
		awaitNoActiveSessions();
		assertThat(this.pool.destroyed()).as("sessions lost").isZero();
	}

	@Test
	void aPutWithTheCurrentEtagReplacesTheFile() throws Exception {
		assertStatus(send(request(this.base + "/report.txt").header("If-Match", currentEtag())
			.PUT(HttpRequest.BodyPublishers.ofString("new"))), 204);
		assertThat(Files.readString(this.file)).isEqualTo("new");
	}

	@Test
	void aPutWithAStaleEtagIs412AndTouchesNothing() throws Exception {
		String etag = currentEtag();
		Files.writeString(this.file, "changed by someone else");
		HttpResponse<String> response = send(request(this.base + "/report.txt").header("If-Match", etag)
			.PUT(HttpRequest.BodyPublishers.ofString("lost update")));
		assertStatus(response, 412);
		assertThat(Files.readString(this.file)).isEqualTo("changed by someone else");
		assertThat(namesInFolder()).containsExactly("report.txt");
	}

	@Test
	void aPutOnAFileModifiedSinceTheGivenTimeIs412() throws Exception {
		String before = DateTimeFormatter.RFC_1123_DATE_TIME.format(MODIFIED.minusSeconds(60).atZone(ZoneOffset.UTC));
		assertStatus(send(request(this.base + "/report.txt").header("If-Unmodified-Since", before)
			.PUT(HttpRequest.BodyPublishers.ofString("lost update"))), 412);
		assertThat(Files.readString(this.file)).isEqualTo("0123456789");
		String after = DateTimeFormatter.RFC_1123_DATE_TIME.format(MODIFIED.atZone(ZoneOffset.UTC));
		assertStatus(send(request(this.base + "/report.txt").header("If-Unmodified-Since", after)
			.PUT(HttpRequest.BodyPublishers.ofString("ok"))), 204);
	}

	@Test
	void aDeleteWithAStaleEtagIs412AndKeepsTheFile() throws Exception {
		String etag = currentEtag();
		Files.writeString(this.file, "changed");
		assertStatus(send(request(this.base + "/report.txt").header("If-Match", etag).DELETE()), 412);
		assertThat(this.file).exists();
		assertStatus(send(request(this.base + "/report.txt").header("If-Match", currentEtag()).DELETE()), 204);
		assertThat(this.file).doesNotExist();
	}

	@Test
	void aMoveWithAStaleEtagIs412AndMovesNothing() throws Exception {
		String etag = currentEtag();
		Files.writeString(this.file, "changed");
		String target = this.base.substring("/files".length()) + "/moved.txt";
		assertStatus(send(request(this.base + "/report.txt?moveTo=" + target).header("If-Match", etag)
			.POST(HttpRequest.BodyPublishers.noBody())), 412);
		assertThat(this.file).exists();
		assertThat(this.folder.resolve("moved.txt")).doesNotExist();
	}

	@Test
	void aDeleteOfAMissingFileIs404WhateverItsPreconditionsSay() throws Exception {
		// RFC 9110 13.2.1: preconditions are ignored when the request would fail without them.
		assertStatus(send(request(this.base + "/gone.txt").header("If-Match", "\"5-1\"").DELETE()), 404);
	}

	private String currentEtag() throws Exception {
		HttpResponse<String> head = send(request(this.base + "/report.txt").method("HEAD",
				HttpRequest.BodyPublishers.noBody()));
		return head.headers().firstValue("ETag").orElseThrow();
	}

}
