package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.ftp.FtpTemporaryException;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.web.transfer.TransferFailures;

import static dev.ftpgateway.web.OnlyServer.onlyServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a small download costs on the control connection once the pooled session is warm, against
 * the scripted fake server: every command is a round trip the request waits for.
 */
class DownloadRoundTripsTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	private final DownloadService downloads;

	DownloadRoundTripsTest() throws IOException {
		this.pool = oneSessionPool(true);
		this.downloads = downloads(this.pool);
		this.server.putFile("/a.txt", CONTENT)
			.reply("MLST", "250-Listing /a.txt\n type=file;size=5;modify=20240506070809; /a.txt\n250 End");
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void aGetOnAWarmSessionSendsOnlyMlstEpsvAndRetr() throws IOException {
		get("GET");
		int warm = this.server.commands().size();
		MockHttpServletResponse response = get("GET");
		assertThat(response.getContentAsByteArray()).isEqualTo(CONTENT);
		assertThat(commandVerbs(warm)).containsExactly("MLST", "EPSV", "RETR");
	}

	@Test
	void aDataConnectionTheServerCouldNotOpenIsTriedOnceMoreOnTheSameSession() throws IOException {
		get("GET");
		int warm = this.server.commands().size();
		this.server.nextReply("250-Listing /a.txt\n type=file;size=5;modify=20240506070809; /a.txt\n250 End")
			.nextReply("425 Unable to identify the local data socket: Address already in use");
		MockHttpServletResponse response = get("GET");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray()).isEqualTo(CONTENT);
		assertThat(commandVerbs(warm)).containsExactly("MLST", "EPSV", "MLST", "EPSV", "RETR");
		assertThat(this.server.connectionCount()).isEqualTo(1);
	}

	@Test
	void aServerAnsweringThe150WithA425IsTriedOnceMoreBeforeAnyStatusIsSent() throws IOException {
		this.server.failTransferAfterPreliminary("425 Can't open data connection");
		MockHttpServletResponse response = get("GET");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray()).isEqualTo(CONTENT);
	}

	@Test
	void aServerAnsweringEveryTryWithA425FailsTheGetWithItsReplyAndNothingCommitted() {
		this.server.failTransferAfterPreliminary("425 Can't open data connection")
			.failTransferAfterPreliminary("425 Can't open data connection");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/a.txt");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThatExceptionOfType(FtpTemporaryException.class)
			.isThrownBy(() -> this.downloads.get(RemotePath.ofDecoded("/a.txt"), new ServletWebRequest(request, response),
					response, true))
			.satisfies((ex) -> assertThat(ex.replyCode()).isEqualTo(425));
		assertThat(response.isCommitted()).isFalse();
		assertThat(response.getHeader("Content-Length")).isNull();
	}

	@Test
	void aHeadSendsOnlyMlstAndCarriesTheSameHeadersAsAGet() throws IOException {
		MockHttpServletResponse get = get("GET");
		int warm = this.server.commands().size();
		MockHttpServletResponse head = get("HEAD");
		assertThat(commandVerbs(warm)).containsExactly("MLST");
		assertThat(head.getStatus()).isEqualTo(200);
		assertThat(head.getContentAsByteArray()).isEmpty();
		for (MockHttpServletResponse response : List.of(get, head)) {
			assertThat(response.getHeader("Content-Length")).isEqualTo("5");
			assertThat(response.getContentType()).startsWith("text/plain");
			assertThat(response.getHeader("ETag")).isEqualTo("\"5-" + Long.toHexString(1714979289000L) + "\"");
			assertThat(response.getHeader("Last-Modified")).isEqualTo("Mon, 06 May 2024 07:08:09 GMT");
			assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("sandbox");
		}
	}

	@Test
	void aFolderOnAServerWithoutMlstIsEnteredNotLookedUpInItsParentsListing() throws IOException {
		this.server.reply("FEAT", "211-Features:\n EPSV\n SIZE\n MDTM\n211 End")
			.setListing("LIST", List.of("-rw-r--r--    1 1001     1001         5 Nov 23 19:15 b.txt"));
		get("GET", "/dir");
		int warm = this.server.commands().size();
		MockHttpServletResponse response = get("GET", "/dir");
		assertThat(response.getContentAsString()).contains("\"name\":\"b.txt\"");
		// SIZE and MDTM go out together: one round trip.
		assertThat(commandVerbs(warm)).containsExactly("TYPE", "SIZE", "MDTM", "CWD", "TYPE", "EPSV", "LIST");
		assertThat(this.server.commands()).contains("LIST /dir").doesNotContain("LIST /");
	}

	@Test
	void aFolderIsListedWithListOnAServerWithMlstWhenMlsdIsTurnedOff() throws IOException {
		this.server.reply("MLST", "250-Listing /dir\n type=dir;modify=20240506070809; /dir\n250 End")
			.setListing("LIST", List.of("-rw-r--r--    1 1001     1001         5 Nov 23 19:15 b.txt"));
		try (FtpSessionPool listWithList = oneSessionPool(false)) {
			DownloadService service = downloads(listWithList);
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/dir");
			MockHttpServletResponse response = new MockHttpServletResponse();
			assertThat(service.get(RemotePath.ofDecoded("/dir"), new ServletWebRequest(request, response), response,
					true))
				.isNull();
			assertThat(response.getContentAsString()).contains("\"name\":\"b.txt\"");
		}
		assertThat(this.server.commands()).contains("MLST /dir", "LIST /dir").doesNotContain("MLSD /dir");
	}

	private FtpSessionPool oneSessionPool(boolean useMlsd) {
		Duration second = Duration.ofSeconds(1);
		return new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second, TlsSettings.NONE, Duration.ZERO, useMlsd),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

	private static DownloadService downloads(FtpSessionPool pool) {
		return new DownloadService(onlyServer(new FileServer(pool, "/")), FilesSettings.defaults(),
				new TransferFailures(new SimpleMeterRegistry()),
				JsonMapper.builder().build(), OnlyServer.transfers(),
				new RequestAttributeSecurityContextRepository());
	}

	private MockHttpServletResponse get(String method) throws IOException {
		return get(method, "/a.txt");
	}

	private MockHttpServletResponse get(String method, String path) throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/files" + path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.downloads.get(RemotePath.ofDecoded(path), new ServletWebRequest(request, response),
				response, method.equals("GET")))
			.isNull();
		return response;
	}

	private List<String> commandVerbs(int from) {
		List<String> commands = this.server.commands();
		return commands.subList(from, commands.size()).stream().map((command) -> command.split(" ", 2)[0]).toList();
	}

}
