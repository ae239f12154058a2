package dev.ftpgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each server's charset, over scripted servers that store names in ISO-8859-1: read as UTF-8
 * (server latin), the name {@code café.txt} comes out with its 0xE9 escaped as U+EFE9, and that
 * escaped name downloads, moves and deletes the very file; read as ISO-8859-1 (server iso), a
 * name the charset cannot write is refused before any command names it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "ftp-gateway.servers.latin.pool.max-total=1",
				"ftp-gateway.servers.iso.pool.max-total=1", "ftp-gateway.servers.iso.charset=ISO-8859-1" })
class ServerCharsetIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Neither MLST nor REST: the gateway finds files in the LIST of their folder. */
	private static final String FEATURES = "211-Features:\n EPSV\n SIZE\n MDTM\n211 End";

	private static final ScriptedFtpServer LATIN = latin1Server();

	private static final ScriptedFtpServer ISO = latin1Server();

	/** {@code /café.txt} with the é as the escape of the byte 0xE9, percent-encoded as UTF-8. */
	private static final String ESCAPED_CAFE = "caf%EE%BF%A9.txt";

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			LATIN.close();
			ISO.close();
		}));
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void latin1Servers(DynamicPropertyRegistry registry) {
		for (String name : new String[] { "latin", "iso" }) {
			ScriptedFtpServer server = name.equals("latin") ? LATIN : ISO;
			registry.add("ftp-gateway.servers." + name + ".host", server::host);
			registry.add("ftp-gateway.servers." + name + ".port", server::port);
		}
	}

	@Test
	void aNameThatDoesNotDecodeIsListedEscapedAndTheEscapedNameReachesTheFile() {
		LATIN.putFile("/café.txt", "abc".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> listing = send(request("/servers/latin/files/").GET());
		assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
		assertThat(listing.body()).contains("\"name\":\"caf\uEFE9.txt\"").doesNotContain("\uFFFD");
		HttpResponse<String> download = send(request("/servers/latin/files/" + ESCAPED_CAFE).GET());
		assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("abc");
		HttpResponse<String> moved = send(request("/servers/latin/files/" + ESCAPED_CAFE + "?moveTo=/caf%EE%BF%A8.txt")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
		assertThat(LATIN.file("/cafè.txt")).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> deleted = send(request("/servers/latin/files/caf%EE%BF%A8.txt").DELETE());
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(LATIN.file("/café.txt")).isNull();
		assertThat(LATIN.file("/cafè.txt")).isNull();
	}

	@Test
	void aNameTheServersCharsetCannotWriteIsRefusedBeforeAnyCommandNamesIt() {
		HttpResponse<String> refused = send(request("/servers/iso/files/%E6%97%A5%E6%9C%AC.txt")
			.PUT(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("cannot be written in the FTP server's charset, ISO-8859-1");
		assertThat(ISO.commands()).noneMatch((command) -> command.contains("STOR") || command.contains("日本"));
	}

	private static ScriptedFtpServer latin1Server() {
		try {
			return new ScriptedFtpServer().charset(StandardCharsets.ISO_8859_1).reply("FEAT", FEATURES);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath)).timeout(TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
