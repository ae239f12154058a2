package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.Precondition;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.web.transfer.TransferFailures;

import static dev.ftpgateway.web.OnlyServer.onlyServer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers the lab does not run, played by the scripted fake: Twisted's FTP server (no MLST,
 * SIZE answers for folders, no REST) and servers that expand patterns in LIST (proftpd and
 * pure-ftpd do; the interop walkthrough shows those for real).
 */
class ServerQuirksTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

	private static final String FEATURES_WITHOUT_MLST_OR_REST = "211-Features:\n EPSV\n SIZE\n MDTM\n211 End";

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	private final FileServer files;

	private final DownloadService downloads;

	ServerQuirksTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.files = new FileServer(this.pool, "/");
		this.downloads = new DownloadService(onlyServer(this.files), FilesSettings.defaults(),
				new TransferFailures(new SimpleMeterRegistry()), JsonMapper.builder().build(), OnlyServer.transfers(),
				new RequestAttributeSecurityContextRepository());
		this.server.putFile("/a.txt", CONTENT)
			.putFile("/dir/f.txt", CONTENT)
			.reply("FEAT", FEATURES_WITHOUT_MLST_OR_REST)
			.setListing("LIST", "/", List.of("drwxr-xr-x   2 ftp ftp  4096 Jan 01 12:00 dir",
					"-rw-r--r--   1 ftp ftp     5 Jan 01 12:00 a.txt"))
			.setListing("LIST", "/dir", List.of("-rw-r--r--   1 ftp ftp     5 Jan 01 12:00 f.txt"));
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void aFolderThatSizeAnswersForIsListedNotDownloaded() throws IOException {
		// Twisted answers SIZE of a folder with the folder's block size.
		this.server.reply("SIZE", "213 16384");
		MockHttpServletResponse response = request("GET", "/dir", null);
		assertThat(response.getContentAsString()).contains("\"name\":\"f.txt\"");
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("RETR"));
	}

	@Test
	void aTrailingSlashNamesAFolderEvenWhereSizeAnswersForIt() throws IOException {
		this.server.reply("SIZE", "213 16384");
		MockHttpServletRequest request = new MockHttpServletRequest("HEAD", "/files/dir/");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ResponseEntity<?> folder = this.downloads.get(RemotePath.ofDecoded("/dir/"),
				new ServletWebRequest(request, response), response, false);
		assertThat(folder.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.getHeader("Content-Length")).isNull();
		assertThat(this.server.commands()).doesNotContain("SIZE /dir");
	}

	@Test
	void aFolderThatSizeAnswersForIsDeletedWithItsContent() throws IOException {
		this.server.reply("SIZE", "213 16384");
		this.files.tree().delete(RemotePath.ofDecoded("/dir"), true, Precondition.NONE);
		assertThat(this.server.commands()).contains("DELE /dir/f.txt", "RMD /dir").doesNotContain("DELE /dir");
	}

	@Test
	void aServerThatAnnouncesNoRestAnswersARangeWithTheWholeFileAndOffersNoRanges() throws IOException {
		MockHttpServletResponse response = request("GET", "/a.txt", "bytes=1-2");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray()).isEqualTo(CONTENT);
		assertThat(response.getHeader("Accept-Ranges")).isEqualTo("none");
		assertThat(response.getHeader("Content-Range")).isNull();
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("REST"));
	}

	@Test
	void aServerThatRefusesRestAnswersARangeWithTheWholeFileAndThenOffersNoRanges() throws IOException {
		this.server.reply("FEAT", "211-Features:\n EPSV\n SIZE\n MDTM\n REST STREAM\n211 End")
			.reply("REST", "502 Command 'REST' not implemented");
		MockHttpServletResponse ranged = request("GET", "/a.txt", "bytes=1-2");
		assertThat(ranged.getStatus()).isEqualTo(200);
		assertThat(ranged.getContentAsByteArray()).isEqualTo(CONTENT);
		assertThat(ranged.getHeader("Content-Length")).isEqualTo("5");
		assertThat(request("HEAD", "/a.txt", null).getHeader("Accept-Ranges")).isEqualTo("none");
	}

	@Test
	void aFolderWhosePathHoldsAPatternIsEnteredAndListedWithoutAnArgument() throws IOException {
		this.server.putFile("/rel-*/notes.txt", CONTENT);
		MockHttpServletResponse response = request("GET", "/rel-*/", null);
		assertThat(response.getContentAsString()).contains("\"name\":\"notes.txt\"");
		assertThat(this.server.commands()).contains("CWD /rel-*", "LIST").doesNotContain("LIST /rel-*");
	}

	private MockHttpServletResponse request(String method, String path, String range) throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/files" + path);
		if (range != null) {
			request.addHeader("Range", range);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.downloads.get(RemotePath.ofDecoded(path), new ServletWebRequest(request, response), response,
				method.equals("GET"));
		return response;
	}

}
