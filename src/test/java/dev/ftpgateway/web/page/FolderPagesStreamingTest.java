package dev.ftpgateway.web.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.ftpgateway.files.FileReads;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.ReadHandler;
import dev.ftpgateway.files.RemoteFile;
import dev.ftpgateway.files.RemoteFolder;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder page in the server's order leaves row by row while the listing arrives: the first
 * flush carries the first row and nothing of the last, on a 10,000-entry folder.
 */
class FolderPagesStreamingTest {

	private static final int ENTRIES = 10_000;

	private final ScriptedFtpServer server;

	private final FtpSessionPool pool;

	FolderPagesStreamingTest() throws IOException {
		this.server = new ScriptedFtpServer();
		this.pool = onePooledSession();
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void theFirstRowsLeaveBeforeTheListingEnds() throws IOException {
		this.server.reply("MLST", "250-Listing /big\n type=dir;modify=20240506070809; /big\n250 End")
			.setListing("MLSD", IntStream.range(0, ENTRIES)
				.mapToObj((i) -> String.format("type=file;size=%d;modify=20240506070809; file-%05d.txt", i, i))
				.toList());
		FlushRecordingResponse response = new FlushRecordingResponse();
		page("/files/big/", response);
		assertThat(response.flushes.get(0)).contains("file-00000.txt").doesNotContain("file-00001.txt");
		assertThat(response.flushes).hasSizeGreaterThan(FolderPages.FLUSHED_ROWS);
		String whole = response.flushes.get(response.flushes.size() - 1);
		assertThat(whole).contains("file-09999.txt", "0 folders, 10000 files").endsWith("</html>\n");
	}

	@Test
	void aSortedPageListsEverythingBeforeItsFirstRow() throws IOException {
		this.server.reply("MLST", "250-Listing /big\n type=dir;modify=20240506070809; /big\n250 End")
			.setListing("MLSD", List.of("type=file;size=1;modify=20240506070809; b.txt",
					"type=file;size=2;modify=20240506070809; a.txt", "type=dir;modify=20240506070809; z"));
		FlushRecordingResponse response = new FlushRecordingResponse();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/big/");
		request.setParameter("sort", "name");
		answer(request, response);
		assertThat(response.flushes).hasSize(1);
		String page = response.flushes.get(0);
		assertThat(page.indexOf("data-name=\"z\"")).isLessThan(page.indexOf("data-name=\"a.txt\""));
		assertThat(page.indexOf("data-name=\"a.txt\"")).isLessThan(page.indexOf("data-name=\"b.txt\""));
	}

	@Test
	void aFolderNamedWithoutItsSlashIsRedirectedToIt() throws IOException {
		this.server.reply("MLST", "250-Listing /big\n type=dir;modify=20240506070809; /big\n250 End");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/big");
		request.setQueryString("sort=size");
		FlushRecordingResponse response = new FlushRecordingResponse();
		assertThat(answer(request, response)).satisfies((redirect) -> {
			assertThat(redirect.getStatusCode().value()).isEqualTo(302);
			assertThat(redirect.getHeaders().getFirst("Location")).isEqualTo("./big/?sort=size");
		});
	}

	private void page(String uri, FlushRecordingResponse response) throws IOException {
		answer(new MockHttpServletRequest("GET", uri), response);
	}

	private org.springframework.http.ResponseEntity<?> answer(MockHttpServletRequest request,
			FlushRecordingResponse response) throws IOException {
		FileReads reads = new FileServer(this.pool, "/").reads();
		String path = request.getRequestURI().substring("/files".length());
		return reads.read(RemotePath.parse(path), new ReadHandler<>() {

			@Override
			public org.springframework.http.ResponseEntity<?> folder(RemoteFolder folder) throws IOException {
				return new FolderPages().answer(folder, request, response, true);
			}

			@Override
			public org.springframework.http.ResponseEntity<?> file(RemoteFile file) {
				throw new AssertionError("a folder was expected");
			}

		});
	}

	private FtpSessionPool onePooledSession() {
		Duration second = Duration.ofSeconds(1);
		return new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, Duration.ofSeconds(10), TlsSettings.NONE, Duration.ZERO,
						true),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

	/** A response that notes what had been written at each flush of its body. */
	private static final class FlushRecordingResponse extends HttpServletResponseWrapper {

		final List<String> flushes = new ArrayList<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		FlushRecordingResponse() {
			super(new MockHttpServletResponse());
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return new ServletOutputStream() {

				@Override
				public void write(int b) {
					FlushRecordingResponse.this.body.write(b);
				}

				@Override
				public void write(byte[] b, int off, int len) {
					FlushRecordingResponse.this.body.write(b, off, len);
				}

				@Override
				public void flush() {
					FlushRecordingResponse.this.flushes.add(FlushRecordingResponse.this.body.toString(StandardCharsets.UTF_8));
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
