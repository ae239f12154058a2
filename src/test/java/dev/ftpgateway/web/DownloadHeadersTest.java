package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.TlsSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.web.transfer.TransferFailures;

import static dev.ftpgateway.web.OnlyServer.onlyServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The headers that tell a browser how to show or save a download: its type with the FTP
 * server's charset for text, and its name in {@code Content-Disposition}.
 */
class DownloadHeadersTest {

	private final ScriptedFtpServer server;

	private final FtpSessionPool pool;

	DownloadHeadersTest() throws IOException {
		this.server = new ScriptedFtpServer();
		this.pool = onePooledSession();
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void textIsDeclaredInTheFtpServersConfiguredCharset() throws IOException {
		putFile("/notes.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
		MockHttpServletResponse response = get(latin1Downloads(), "/notes.txt", null);
		assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain;charset=ISO-8859-1");
	}

	@Test
	void typesOtherThanTextGetNoCharset() throws IOException {
		putFile("/photo.png", new byte[] { 1, 2, 3 });
		MockHttpServletResponse response = get(latin1Downloads(), "/photo.png", null);
		assertThat(response.getHeader("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void filesAreShownInlineUnderTheirName() throws IOException {
		putFile("/report 2024.pdf", new byte[] { 1 });
		assertThat(get(latin1Downloads(), "/report 2024.pdf", null).getHeader("Content-Disposition"))
			.isEqualTo("inline; filename=\"report 2024.pdf\"");
	}

	@Test
	void downloadTrueSavesUnderTheNameWithAnAsciiStandInForOtherClients() throws IOException {
		putFile("/r\u00e9sum\u00e9 \"\u65e5\".txt", new byte[] { 1 });
		assertThat(get(latin1Downloads(), "/r\u00e9sum\u00e9 \"\u65e5\".txt", "true").getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"r_sum_ ___.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22%E6%97%A5%22.txt");
	}

	@Test
	void downloadTakesOnlyTrueOrFalse() throws IOException {
		putFile("/a.txt", new byte[] { 1 });
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> get(latin1Downloads(), "/a.txt", "yes"))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
	}

	/** Stores a file the way MLST describes it: the scripted server answers MLST only as told. */
	private void putFile(String path, byte[] content) {
		this.server.putFile(path, content)
			.reply("MLST", "250-Listing\n type=file;size=" + content.length + ";modify=20240506070809; " + path + "\n250 End");
	}

	private DownloadService latin1Downloads() {
		return new DownloadService(onlyServer(new FileServer(this.pool, "/")),
				new FilesSettings(64 * 1024, Duration.ofSeconds(2), StandardCharsets.ISO_8859_1, true),
				new TransferFailures(new SimpleMeterRegistry()), JsonMapper.builder().build(), OnlyServer.transfers(),
				new RequestAttributeSecurityContextRepository());
	}

	private static MockHttpServletResponse get(DownloadService downloads, String path, String download)
			throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files" + path);
		if (download != null) {
			request.setParameter(DownloadService.DOWNLOAD, download);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		downloads.get(RemotePath.ofDecoded(path), new ServletWebRequest(request, response), response, true);
		return response;
	}

	private FtpSessionPool onePooledSession() {
		Duration second = Duration.ofSeconds(1);
		return new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second, TlsSettings.NONE, Duration.ZERO, true),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
	}

}
