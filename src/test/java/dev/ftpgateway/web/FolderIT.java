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
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue(this.base + "/x/y/z");
		assertThat(this.folder.resolve("x/y/z")).isDirectory();
		assertThat(send(request(this.base + "/x/y/z/").PUT(HttpRequest.BodyPublishers.noBody())).statusCode())
			.isEqualTo(204);
	}

	@Test
	void folderCannotBeCreatedThroughAFile() throws Exception {
		Files.writeString(this.folder.resolve("file"), "x");
		HttpResponse<String> response = send(request(this.base + "/file/sub/").PUT(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(409);
	}

	@Test
	void deleteRemovesFilesAndEmptyFolders() throws Exception {
		Files.writeString(this.folder.resolve("f.txt"), "x");
		Files.createDirectory(this.folder.resolve("empty"));
		assertThat(delete(this.base + "/f.txt").statusCode()).isEqualTo(204);
		assertThat(delete(this.base + "/empty").statusCode()).isEqualTo(204);
		assertThat(namesInFolder()).isEmpty();
		awaitNoActiveSessions();
	}

	@Test
	void nonEmptyFolderIs409UnlessRecursive() throws Exception {
		Files.createDirectories(this.folder.resolve("full/deeper"));
		Files.writeString(this.folder.resolve("full/deeper/f.txt"), "x");
		Files.writeString(this.folder.resolve("full/g.txt"), "x");
		HttpResponse<String> refused = delete(this.base + "/full");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(delete(this.base + "/full?recursive=true").statusCode()).isEqualTo(204);
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void deletingWhatIsNotThereIs404() throws Exception {
		assertThat(delete(this.base + "/ghost").statusCode()).isEqualTo(404);
	}

	@Test
	void rootCannotBeDeleted() throws Exception {
		assertThat(delete("/files/").statusCode()).isEqualTo(400);
	}

	@Test
	void moveRenamesAndAnswersWithTheNewLocation() throws Exception {
		Files.writeString(this.folder.resolve("old.txt"), "x");
		String destination = this.base.substring("/files".length()) + "/new%20name.txt";
		HttpResponse<String> moved = post(this.base + "/old.txt?moveTo=" + destination);
		assertThat(moved.statusCode()).isEqualTo(201);
		assertThat(moved.headers().firstValue("Location")).hasValue(this.base + "/new%20name.txt");
		assertThat(namesInFolder()).containsExactly("new name.txt");
	}

	@Test
	void moveNeverReplacesAndNeedsMkdirsForMissingFolders() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "a");
		Files.writeString(this.folder.resolve("b.txt"), "b");
		String relative = this.base.substring("/files".length());
		assertThat(post(this.base + "/a.txt?moveTo=" + relative + "/b.txt").statusCode()).isEqualTo(409);
		assertThat(post(this.base + "/ghost.txt?moveTo=" + relative + "/c.txt").statusCode()).isEqualTo(404);
		assertThat(post(this.base + "/a.txt?moveTo=" + relative + "/sub/a.txt").statusCode()).isEqualTo(404);
		assertThat(post(this.base + "/a.txt?moveTo=" + relative + "/sub/a.txt&mkdirs=true").statusCode()).isEqualTo(201);
		assertThat(this.folder.resolve("sub/a.txt")).hasContent("a");
		assertThat(post(this.base + "/sub?moveTo=" + relative + "/sub/inner").statusCode()).isEqualTo(409);
	}

	@Test
	void moveCannotEscapeTheRoot() throws Exception {
		Files.writeString(this.folder.resolve("a.txt"), "a");
		assertThat(post(this.base + "/a.txt?moveTo=/../../etc/a.txt").statusCode()).isEqualTo(400);
	}

}
