package dev.ftpgateway.web;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HTML forms upload into a folder with a multipart/form-data POST, streamed and atomic like PUT. */
class FormUploadIT extends GatewayTestSupport {

	static final String BOUNDARY = "form-boundary-1234";

	@Test
	void aFormsFilesAreStoredInTheFolder() throws Exception {
		byte[] form = new Form().field("comment", "ignored").file("first.txt", "one")
			.file("caf\u00e9 #2.txt", "two")
			.file("", "")
			.end();
		HttpResponse<String> response = send(post(this.base + "/", form));
		assertStatus(response, 201);
		assertThat(response.body()).contains("\"path\":\"" + this.base.substring("/files".length()) + "/first.txt\"",
				"\"size\":3", "\"replaced\":false");
		assertThat(Files.readString(this.folder.resolve("first.txt"))).isEqualTo("one");
		assertThat(Files.readString(this.folder.resolve("caf\u00e9 #2.txt"))).isEqualTo("two");
		assertThat(namesInFolder()).containsExactlyInAnyOrder("first.txt", "caf\u00e9 #2.txt");
		awaitNoActiveSessions();
	}

	@Test
	void aBrowsersFormIsSentBackToTheFolderPage() throws Exception {
		HttpResponse<String> response = send(post(this.base + "/", new Form().file("a.txt", "a").end())
			.header("Accept", "text/html,*/*;q=0.8"));
		assertStatus(response, 303);
		assertThat(response.headers().firstValue("Location")).hasValue(this.base + "/");
	}

	@Test
	void aFormWithoutFilesStoresNothing() throws Exception {
		HttpResponse<String> response = send(post(this.base + "/", new Form().field("comment", "x").file("", "").end()));
		assertStatus(response, 400);
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void aFormCutShortLeavesNoPartOfItsFile() throws Exception {
		byte[] whole = new Form().file("cut.txt", "x".repeat(100_000)).end();
		byte[] cut = java.util.Arrays.copyOf(whole, 50_000);
		HttpResponse<String> response = send(post(this.base + "/", cut));
		assertStatus(response, 400);
		awaitNoActiveSessions();
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void ifNoneMatchStarKeepsAnExistingFile() throws Exception {
		Files.writeString(this.folder.resolve("kept.txt"), "old");
		HttpResponse<String> response = send(post(this.base + "/", new Form().file("kept.txt", "new").end())
			.header("If-None-Match", "*"));
		assertStatus(response, 412);
		assertThat(Files.readString(this.folder.resolve("kept.txt"))).isEqualTo("old");
	}

	@Test
	void aFileNameThatClimbsOutIsRefused() throws Exception {
		HttpResponse<String> response = send(post(this.base + "/", new Form().file("..", "x").end()));
		assertStatus(response, 400);
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void aPostThatIsNeitherAMoveNorAFormIsUnsupported() throws Exception {
		HttpResponse<String> response = send(request(this.base + "/")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello")));
		assertStatus(response, 415);
		assertThat(response.body()).contains("multipart/form-data");
	}

	private HttpRequest.Builder post(String path, byte[] form) {
		return request(path).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(form));
	}

	/** A multipart/form-data body as a browser sends it. */
	static final class Form {

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		Form field(String name, String value) {
			return part("form-data; name=\"" + name + "\"", value);
		}

		Form file(String fileName, String content) {
			return part("form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "%22") + "\"\r\n"
					+ "Content-Type: application/octet-stream", content);
		}

		private Form part(String disposition, String content) {
			this.body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\n" + content
					+ "\r\n").getBytes(StandardCharsets.UTF_8));
			return this;
		}

		byte[] end() {
			this.body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return this.body.toByteArray();
		}

	}

}
