package dev.ftpgateway.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folders as ZIP and tar archives, streamed from embedded MINA. */
class ArchiveIT extends GatewayTestSupport {

	private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:10Z");

	private final Map<String, byte[]> files = new HashMap<>();

	@BeforeEach
	void tree() throws IOException {
		file("top.txt", 10);
		file("sub/deeper/data.bin", 300_000);
		file("sub/ünïcödé 日本.txt", 5);
		file("sub/" + "l".repeat(200) + ".txt", 7);
		file("empty.bin", 0);
		Files.createDirectories(this.folder.resolve("hollow"));
	}

	@Test
	void aZipHoldsEveryFileByteIdenticalWithItsTime() throws Exception {
		Map<String, byte[]> unzipped = new HashMap<>();
		HttpResponse<byte[]> zip = bytes(this.base + "/?archive=zip");
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow()).contains(".zip");
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (!entry.isDirectory()) {
					unzipped.put(entry.getName(), in.readAllBytes());
					assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(MODIFIED);
				}
				else {
					unzipped.put(entry.getName(), null);
				}
			}
		}
		this.files.forEach((name, content) -> assertThat(unzipped.get(name)).as(name).isEqualTo(content));
		assertThat(unzipped).containsKeys("sub/", "sub/deeper/", "hollow/");
		assertThat(unzipped).hasSize(this.files.size() + 3);
		awaitNoActiveSessions();
	}

	@Test
	void acceptApplicationZipAsksForTheSameArchive() throws Exception {
		HttpResponse<byte[]> zip = this.http.send(request(this.base + "/").header("Accept", "application/zip").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(zip.statusCode()).isEqualTo(200);
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			assertThat(in.getNextEntry()).isNotNull();
		}
	}

	@Test
	void aFileAskedForWithAcceptApplicationZipIsStillTheFile() throws Exception {
		HttpResponse<byte[]> file = this.http.send(request(this.base + "/top.txt").header("Accept", "application/zip")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(this.files.get("top.txt"));
	}

	@Test
	void aTarHoldsEveryFileWithItsNameAndTime() throws Exception {
		Map<String, byte[]> untarred = new HashMap<>();
		HttpResponse<byte[]> tar = bytes(this.base + "/sub/?archive=tar");
		assertThat(tar.statusCode()).isEqualTo(200);
		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.body()), "UTF-8")) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.isFile()) {
					untarred.put("sub/" + entry.getName(), in.readAllBytes());
					assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(MODIFIED);
				}
			}
		}
		this.files.entrySet()
			.stream()
			.filter((file) -> file.getKey().startsWith("sub/"))
			.forEach((file) -> assertThat(untarred.get(file.getKey())).as(file.getKey()).isEqualTo(file.getValue()));
		assertThat(untarred).hasSize(3);
	}

	@Test
	void compressedZipEntriesComeBackTheSame() throws Exception {
		HttpResponse<byte[]> zip = bytes(this.base + "/sub/deeper/?archive=zip&compress=true");
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			ZipEntry entry = in.getNextEntry();
			assertThat(entry.getName()).isEqualTo("data.bin");
			assertThat(in.readAllBytes()).isEqualTo(this.files.get("sub/deeper/data.bin"));
		}
	}

	@Test
	void anArchiveOfAFileOrAMissingFolderIsAProblem() throws Exception {
		assertThat(bytes(this.base + "/top.txt?archive=zip").statusCode()).isEqualTo(400);
		assertThat(bytes(this.base + "/nothing/?archive=zip").statusCode()).isEqualTo(404);
		assertThat(bytes(this.base + "/?archive=rar").statusCode()).isEqualTo(400);
	}

	private HttpResponse<byte[]> bytes(String rawPath) throws IOException, InterruptedException {
		return this.http.send(request(rawPath).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private void file(String name, int size) throws IOException {
		byte[] content = new byte[size];
		new Random(name.hashCode()).nextBytes(content);
		Path path = this.folder.resolve(name);
		Files.createDirectories(path.getParent());
		Files.write(path, content);
		Files.setLastModifiedTime(path, FileTime.from(MODIFIED));
		this.files.put(name, content);
	}

}
