package dev.ftpgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs an {@link EmbeddedFtpServer} on 127.0.0.1, port 0, over a fresh temporary folder.
 * <p>
 * Register it with {@code @RegisterExtension}: on a {@code static} field one server serves the
 * whole test class; on an instance field each test gets its own server and folder. The
 * folder is deleted afterwards.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();
 * </pre>
 */
public final class EmbeddedFtpServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final String user;

	private final String password;

	private final boolean anonymousReadOnly;

	private EmbeddedFtpServer server;

	private boolean perTest;

	/** A server for user {@code gateway} with password {@code secret}. */
	public EmbeddedFtpServerExtension() {
		this("gateway", "secret", false);
	}

	private EmbeddedFtpServerExtension(String user, String password, boolean anonymousReadOnly) {
		this.user = user;
		this.password = password;
		this.anonymousReadOnly = anonymousReadOnly;
	}

	/** A copy of this extension whose server also lets {@code anonymous} read. */
	public EmbeddedFtpServerExtension withAnonymousReadOnly() {
		return new EmbeddedFtpServerExtension(this.user, this.password, true);
	}

	/** A copy of this extension whose read-write user has the given name and password. */
	public EmbeddedFtpServerExtension withUser(String user, String password) {
		return new EmbeddedFtpServerExtension(user, password, this.anonymousReadOnly);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		// Only instance-field registrations reach here without beforeAll having started a server.
		if (this.server == null) {
			this.perTest = true;
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			shutdown();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		shutdown();
	}

	/** The running server, e.g. to stop it or drop its sessions. */
	public EmbeddedFtpServer server() {
		if (this.server == null) {
			throw new IllegalStateException("Embedded FTP server is not running: is the extension registered?");
		}
		return this.server;
	}

	/** The address the server listens on. */
	public String host() {
		return server().host();
	}

	/** The port the server listens on. */
	public int port() {
		return server().port();
	}

	/** The read-write user's name. */
	public String user() {
		return this.user;
	}

	/** The read-write user's password. */
	public String password() {
		return this.password;
	}

	/** The local folder the server serves as "/". */
	public Path home() {
		return server().home();
	}

	private void start() throws IOException {
		Path home = Files.createTempDirectory("ftp-gateway-home-");
		EmbeddedFtpServer created = new EmbeddedFtpServer(home, this.user, this.password).listenOn("127.0.0.1", 0);
		if (this.anonymousReadOnly) {
			created.allowAnonymousReadOnly();
		}
		this.server = created.start();
	}

	private void shutdown() {
		if (this.server != null) {
			this.server.stop();
			deleteRecursively(this.server.home());
			this.server = null;
		}
	}

	private static void deleteRecursively(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
