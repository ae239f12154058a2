package dev.ftpgateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import dev.ftpgateway.config.BackendServers;
import dev.ftpgateway.embedded.EmbeddedFtpServer;
import dev.ftpgateway.pool.FtpSessionPool;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The gateway with every authentication mode on (anonymous callers refused), in front of an
 * embedded FTP server that knows three users, allows anonymous login and counts what reaches it,
 * with a WireMock identity provider. API keys: a reader, a writer (read, write) and an admin (all
 * scopes).
 */
// The hostile table fails on purpose many times; LoginThrottleIT overrides this to check the throttle.
@TestPropertySource(properties = "ftp-gateway.security.login-throttle.free-failures=1000")
abstract class SecuredGatewaySupport {

	static final String READER_KEY = "reader-key-0123456789";

	static final String WRITER_KEY = "writer-key-0123456789";

	static final String ADMIN_KEY = "admin-key-0123456789";

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	static final Path HOME = createHome();

	static final CountingFtplet COUNTER = new CountingFtplet();

	static final EmbeddedFtpServer FTP = new EmbeddedFtpServer(HOME, "gateway", "gateway-secret")
		.addUser("alice", "alice-secret")
		.addUser("bob", "bob-secret")
		.addFtplet("counter", COUNTER)
		// As many servers do: the gateway must not let this through when it refuses anonymous callers.
		.allowAnonymousReadOnly()
		.listenOn("127.0.0.1", 0)
		.start();

	static final FakeIdentityProvider IDP = new FakeIdentityProvider();

	static final RSAKey SIGNING_KEY = FakeIdentityProvider.newKey("key-1");

	@LocalServerPort
	int port;

	FtpSessionPool pool;

	/** The pool of the only server, the unnamed one. */
	@Autowired
	void defaultPool(BackendServers servers) {
		this.pool = servers.get("default").pool();
	}

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void securedGateway(DynamicPropertyRegistry registry) {
		IDP.publish(SIGNING_KEY);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("ftp-gateway.server.host", () -> "127.0.0.1");
		registry.add("ftp-gateway.server.port", FTP::port);
		registry.add("ftp-gateway.server.user", () -> "gateway");
		registry.add("ftp-gateway.server.password", () -> "gateway-secret");
		// No evictor NOOPs while a test counts commands.
		registry.add("ftp-gateway.pool.eviction-interval", () -> "1h");
		registry.add("ftp-gateway.transfer.max-upload-size", () -> "1KB");
		apiKey(registry, 0, "reader", READER_KEY, "read");
		apiKey(registry, 1, "writer", WRITER_KEY, "read,write");
		apiKey(registry, 2, "admin", ADMIN_KEY, "read,write,delete");
		registry.add("ftp-gateway.security.pass-through.enabled", () -> "true");
		registry.add("ftp-gateway.security.jwt.jwk-set-uri", IDP::jwkSetUri);
		registry.add("ftp-gateway.security.jwt.issuer", () -> FakeIdentityProvider.ISSUER);
		registry.add("ftp-gateway.security.jwt.audience", () -> FakeIdentityProvider.AUDIENCE);
	}

	static void apiKey(DynamicPropertyRegistry registry, int index, String name, String key, String scopes) {
		String prefix = "ftp-gateway.security.api-keys[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "hash", () -> ApiKeyHash.of(key));
		registry.add(prefix + "scopes", () -> scopes);
	}

	static {
		// Shared by every subclass and by Spring's cached contexts, so they stop with the JVM, not after one class.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			FTP.close();
			IDP.close();
		}));
	}

	/**
	 * Waits (bounded) for the gateway's start-up login to have gone back to the pool, so the
	 * tests that count what reaches the FTP server count only what their requests cause.
	 */
	@BeforeEach
	void startupCheckHasLoggedIn() {
		await().atMost(TIMEOUT).until(() -> this.pool.created() > 0 && this.pool.active() == 0);
	}

	HttpRequest.Builder request(String rawPath) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath)).timeout(TIMEOUT);
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
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

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	/** Sends bytes as they are, for requests no HTTP client would send; returns the status line's code. */
	int raw(String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
			return Integer.parseInt(response.substring(9, 12));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends bytes as they are and reads the whole response, headers and body, as text. */
	String rawResponse(String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path createHome() {
		try {
			Path home = Files.createTempDirectory("ftp-gateway-security-");
			Files.writeString(home.resolve("readme.txt"), "hello");
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
