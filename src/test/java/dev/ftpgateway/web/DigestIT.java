package dev.ftpgateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9530 digests against embedded MINA, which offers no hash command of the SHA family
 * (its FEAT has MD5, answered from its own MD5 command), so SHA digests of downloads are computed.
 */
class DigestIT extends GatewayTestSupport {

	@Test
	void aPutWithTheRightDigestIsStoredAndAnswersItsSha256() throws Exception {
		HttpResponse<String> stored = send(request(this.base + "/ok.txt")
			.header("Content-Digest", "sha-512=:" + digest("SHA-512", "hello") + ":")
			.PUT(HttpRequest.BodyPublishers.ofString("hello")));
		assertStatus(stored, 201);
		assertThat(stored.headers().firstValue("Repr-Digest")).hasValue(sha256Field("hello"));
		assertThat(Files.readString(this.folder.resolve("ok.txt"))).isEqualTo("hello");
	}

	@Test
	void aPutThatNeitherSendsNorAsksForADigestStillAnswersItsSha256ByDefault() throws Exception {
		HttpResponse<String> stored = send(request(this.base + "/plain.txt").PUT(HttpRequest.BodyPublishers.ofString("plain")));
		assertStatus(stored, 201);
		assertThat(stored.headers().firstValue("Repr-Digest")).hasValue(sha256Field("plain"));
	}

	@Test
	void aPutWithAWrongDigestLeavesNothingBehindAndNamesBothDigests() throws Exception {
		Files.writeString(this.folder.resolve("kept.txt"), "old");
		HttpResponse<String> refused = send(request(this.base + "/kept.txt")
			.header("Repr-Digest", sha256Field("something else"))
			.PUT(HttpRequest.BodyPublishers.ofString("new")));
		assertStatus(refused, 400);
		assertThat(refused.body()).contains("\"expected\":\"" + sha256Field("something else") + "\"")
			.contains("\"actual\":\"" + sha256Field("new") + "\"");
		assertThat(Files.readString(this.folder.resolve("kept.txt"))).isEqualTo("old");
		assertThat(namesInFolder()).containsExactly("kept.txt");
		awaitNoActiveSessions();
	}

	@Test
	void aDigestOnAnAppendIsRefusedBeforeAnythingIsWritten() throws Exception {
		Files.writeString(this.folder.resolve("log.txt"), "one");
		assertStatus(send(request(this.base + "/log.txt?append=true")
			.header("Content-Digest", sha256Field("two"))
			.PUT(HttpRequest.BodyPublishers.ofString("two"))), 400);
		assertThat(Files.readString(this.folder.resolve("log.txt"))).isEqualTo("one");
	}

	@Test
	void headComputesTheWantedDigestByReadingTheFileOnce() throws Exception {
		Files.writeString(this.folder.resolve("f.txt"), "content");
		HttpResponse<String> head = send(request(this.base + "/f.txt")
			.header("Want-Repr-Digest", "sha-512=3, sha-256=9")
			.method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertStatus(head, 200);
		assertThat(head.headers().firstValue("Repr-Digest")).hasValue(sha256Field("content"));
		awaitNoActiveSessions();
	}

	@Test
	void theServersOwnHashCommandAnswersWithoutReadingTheFile() throws Exception {
		Files.writeString(this.folder.resolve("m.txt"), "mina");
		HttpResponse<String> get = send(request(this.base + "/m.txt").header("Want-Repr-Digest", "md5=1"));
		assertStatus(get, 200);
		assertThat(get.body()).isEqualTo("mina");
		assertThat(get.headers().firstValue("Repr-Digest")).hasValue("md5=:" + digest("MD5", "mina") + ":");
	}

	@Test
	void aGetWithoutAServerHashCommandAnswersNoDigestRatherThanReadingTwice() throws Exception {
		Files.writeString(this.folder.resolve("g.txt"), "data");
		HttpResponse<String> get = send(request(this.base + "/g.txt").header("Want-Repr-Digest", "sha-256=1"));
		assertStatus(get, 200);
		assertThat(get.headers().firstValue("Repr-Digest")).isEmpty();
	}

	/** The digest field value {@code sha-256=:...:} of {@code text}, as Repr-Digest and Content-Digest carry it. */
	static String sha256Field(String text) throws Exception {
		return "sha-256=:" + digest("SHA-256", text) + ":";
	}

	private static String digest(String algorithm, String text) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
