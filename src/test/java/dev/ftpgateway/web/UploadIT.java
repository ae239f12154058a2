package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadIT extends GatewayTestSupport {

	@Test
	void putCreatesThenReplacesAndLeavesNoTemporaryFile() throws Exception {
		HttpResponse<String> created = put(this.base + "/new.txt", "first");
		assertStatus(created, 201);
		assertThat(created.headers().firstValue("Location")).hasValue(this.base + "/new.txt");
		assertThat(Files.readString(this.folder.resolve("new.txt"))).isEqualTo("first");
		HttpResponse<String> replaced = put(this.base + "/new.txt", "second");
		assertStatus(replaced, 204);
		assertThat(Files.readString(this.folder.resolve("new.txt"))).isEqualTo("second");
		assertThat(namesInFolder()).containsExactly("new.txt");
		awaitNoActiveSessions();
	}

	@Test
	void ifNoneMatchStarRefusesToReplace() throws Exception {
		Files.writeString(this.folder.resolve("keep.txt"), "original");
		HttpResponse<String> response = send(request(this.base + "/keep.txt").header("If-None-Match", "*")
			.PUT(HttpRequest.BodyPublishers.ofString("intruder")));
		assertStatus(response, 412);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Files.readString(this.folder.resolve("keep.txt"))).isEqualTo("original");
		assertStatus(send(request(this.base + "/fresh.txt").header("If-None-Match", "*")
			.PUT(HttpRequest.BodyPublishers.ofString("ok"))), 201);
	}

	@Test
	void appendAddsToTheEndWithoutATemporaryFile() throws Exception {
		Files.writeString(this.folder.resolve("log.txt"), "one\n");
		assertStatus(put(this.base + "/log.txt?append=true", "two\n"), 204);
		assertThat(Files.readString(this.folder.resolve("log.txt"))).isEqualTo("one\ntwo\n");
		assertStatus(put(this.base + "/other.txt?append=true", "x"), 201);
		assertThat(namesInFolder()).containsExactlyInAnyOrder("log.txt", "other.txt");
	}

	@Test
	void missingParentIs404NamingTheFolderAndMkdirsUnlessAskedForIt() throws Exception {
		HttpResponse<String> refused = put(this.base + "/a/b/c.txt", "x");
		assertStatus(refused, 404);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("/a/b to hold c.txt; mkdirs=true makes it");
		assertStatus(put(this.base + "/a/b/c.txt?mkdirs=true", "x"), 201);
		assertThat(Files.readString(this.folder.resolve("a/b/c.txt"))).isEqualTo("x");
	}

	@Test
	void uploadOntoAFolderIs409() throws Exception {
		Files.createDirectory(this.folder.resolve("dir"));
		assertStatus(put(this.base + "/dir", "x"), 409);
	}

	@Test
	void shortUploadLeavesNothingBehind() throws Exception {
		String head = "PUT " + this.base + "/short.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(new byte[40_000]);
			out.flush();
			// Half-close: the server sees the body end 60,000 bytes early.
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).startsWith("HTTP/1.1 400");
		}
		awaitNoActiveSessions();
		assertThat(namesInFolder()).isEmpty();
	}

	@Test
	void whatASlowClientSentReachesTheServerLongBeforeTheBodyEnds() throws Exception {
		// 200 KB in pieces of 1,000 bytes every 10 ms: less than the 2 MiB an upload
		// fills, so only the gateway's fill wait, not a full buffer, can pass the first pieces on
		// early; and within 40 KB, less than even a 64 KiB buffer.
		int pieces = 200;
		byte[] piece = new byte[1000];
		String head = "PUT " + this.base + "/slow.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
				+ (pieces * piece.length) + "\r\nContent-Type: application/octet-stream\r\n\r\n";
		int sentWhenFirstStored = -1;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			for (int sent = 0; sent < pieces; sent++) {
				if (sentWhenFirstStored < 0 && temporaryFileSize() > 0) {
					sentWhenFirstStored = sent;
				}
				out.write(piece);
				out.flush();
				Thread.sleep(10);
			}
			String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
			assertThat(response).isEqualTo("HTTP/1.1 201");
		}
		assertThat(sentWhenFirstStored).isBetween(1, 40);
		assertThat(Files.size(this.folder.resolve("slow.bin"))).isEqualTo(pieces * piece.length);
	}

	private long temporaryFileSize() throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(".slow.bin.upload-"))
				.mapToLong((file) -> file.toFile().length())
				.sum();
		}
	}

	@Test
	void uploadedBytesArriveUnchanged() throws Exception {
		byte[] bytes = new byte[300_000];
		new java.util.Random(42).nextBytes(bytes);
		HttpResponse<String> response = send(
				request(this.base + "/random.bin").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
		assertStatus(response, 201);
		assertThat(Files.readAllBytes(this.folder.resolve("random.bin"))).isEqualTo(bytes);
		HttpResponse<byte[]> download = this.http.send(request(this.base + "/random.bin").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.body()).isEqualTo(bytes);
	}

}
