package dev.ftpgateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FolderIT extends GatewayTestSupport {

	private HttpResponse<String> delete(String rawPath) throws Exception {
		return send(request(rawPath).DELETE());
	}

	private HttpResponse<String> post(String rawPath) throws Exception {
		return send(request(rawPath).POST(HttpRequest.BodyPublishers.noBody()));
	}

	@Test
	void putWithTrailingSlashCreatesTheFolderAndItsParents() throws Exception {
		HttpResponse<String> created = send(request(this.base + "/x/y/z/").PUT(HttpRequest.BodyPublishers.noBody()));
		assertStatus(created, 201);
		assertThat(created.headers().firstValue("Location")).hasValue(this.base + "/x/y/z");
		assertThat(this.folder.resolve("x/y/z")).isDirectory();
		assertStatus(send(request(this.base + "/x/y/z/").PUT(HttpRequest.BodyPublishers.noBody())), 204);
	}

	@Test
	void folderCannotBeCreatedThroughAFile() throws Exception {
		Files.writeString(this.folder.resolve("file"), "x");
		HttpResponse<String> response = send(request(this.base + "/file/sub/").PUT(HttpRequest.BodyPublishers.noBody()));
		assertStatus(response, 409);
	}

	@Test
	void deleteRemovesFilesAndEmptyFolders() throws Exception {
		Files.writeString(this.folder.resolve("f.txt"), "x");
		Files.createDirectory(this.folder.resolve("empty"));
		assertStatus(delete(this.base + "/f.txt"), 204);
		assertStatus(delete(this.base + "/empty"), 204);
		assertThat(namesInFolder()).isEmpty();
		awaitNoActiveSessions();
	}

	@Test
	void nonEmptyFolderIs409UnlessRecursive() throws Exception {
		Files.createDirectories(this.folder.resolve("full/deeper"));
		Files.writeString(this.folder.resolve("full/deeper/f.txt"), "x");
		Files.writeString(this.folder.resolve("full/g.txt"), "x");
		HttpResponse<String> refused = delete(this.base + "/full");
		assertStatus(refused, 409);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertStatus(delete(this.base + "/full?recursive=true"), 204);
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void deletingWhatIsNotThereIs404() throws Exception {
		assertStatus(delete(this.base + "/ghost"), 404);
	}

	@Test
	void rootCannotBeDeleted() throws Exception {
		assertStatus(delete("/files/"), 400);
	}

	@Test
	void moveRenamesAndAnswersWithTheNewLocation() throws Exception {
		Files.writeString(this.folder.resolve("old.txt"), "x");
		String destination = this.base.substring("/files".length()) + "/new%20name.txt";
		HttpResponse<String> moved = post(this.base + "/old.txt?moveTo=" + destination);
		assertStatus(moved, 201);
		assertThat(moved.headers().firstValue("Location")).hasValue(this.base + "/new%20name.txt");
		assertThat(namesInFolder()).containsExactly("new name.txt");
	}

	@Test
	void moveNeverReplacesAndNeedsMkdirsForMissingFolders() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "a");
		Files.writeString(this.folder.resolve("b.txt"), "b");
		String relative = this.base.substring("/files".length());
		assertStatus(post(this.base + "/a.txt?moveTo=" + relative + "/b.txt"), 409);
		assertStatus(post(this.base + "/ghost.txt?moveTo=" + relative + "/c.txt"), 404);
		HttpResponse<String> intoMissingFolder = post(this.base + "/a.txt?moveTo=" + relative + "/sub/a.txt");
		assertStatus(intoMissingFolder, 404);
		assertThat(intoMissingFolder.body()).contains("/sub to hold a.txt; mkdirs=true makes it");
		assertStatus(post(this.base + "/a.txt?moveTo=" + relative + "/sub/a.txt&mkdirs=true"), 201);
		assertThat(this.folder.resolve("sub/a.txt")).hasContent("a");
		assertStatus(post(this.base + "/sub?moveTo=" + relative + "/sub/inner"), 409);
	}

	@Test
	void moveCannotEscapeTheRoot() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "a");
		assertStatus(post(this.base + "/a.txt?moveTo=/../../etc/a.txt"), 400);
	}

}
