package dev.ftpgateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server restrictions of every authentication mode, over three servers: alpha (the default) and
 * beta, each an embedded server knowing one user of its own, and gamma, alpha's server once more
 * but taking no pass-through logins. A caller limited to one server gets 403 on another, before
 * any FTP command; a pass-through login is checked with the server the request is for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerRestrictionsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String ALPHA_KEY = "alpha-key-0123456789";

	private static final String EVERYWHERE_KEY = "everywhere-key-0123456789";

	private static final EmbeddedFtpServer ALPHA = server("alice", "alice-secret");

	private static final EmbeddedFtpServer BETA = server("bob", "bob-secret");

	private static final FakeIdentityProvider IDP = new FakeIdentityProvider();

	private static final RSAKey SIGNING_KEY = FakeIdentityProvider.newKey("key-1");

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			ALPHA.close();
			BETA.close();
			IDP.close();
		}));
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void threeServersAndEveryMode(DynamicPropertyRegistry registry) {
		IDP.publish(SIGNING_KEY);
		registry.add("server.address", () -> "127.0.0.1");
		server(registry, "alpha", ALPHA);
		server(registry, "beta", BETA);
		server(registry, "gamma", ALPHA);
		registry.add("ftp-gateway.default-server", () -> "alpha");
		registry.add("ftp-gateway.security.api-keys[0].name", () -> "alpha-only");
		registry.add("ftp-gateway.security.api-keys[0].hash", () -> ApiKeyHash.of(ALPHA_KEY));
		registry.add("ftp-gateway.security.api-keys[0].scopes", () -> "read");
		registry.add("ftp-gateway.security.api-keys[0].servers", () -> "alpha");
		registry.add("ftp-gateway.security.api-keys[1].name", () -> "everywhere");
		registry.add("ftp-gateway.security.api-keys[1].hash", () -> ApiKeyHash.of(EVERYWHERE_KEY));
		registry.add("ftp-gateway.security.api-keys[1].scopes", () -> "read");
		registry.add("ftp-gateway.security.pass-through.enabled", () -> "true");
		registry.add("ftp-gateway.security.pass-through.servers", () -> "alpha,beta");
		registry.add("ftp-gateway.security.jwt.jwk-set-uri", IDP::jwkSetUri);
		registry.add("ftp-gateway.security.jwt.issuer", () -> FakeIdentityProvider.ISSUER);
		registry.add("ftp-gateway.security.jwt.audience", () -> FakeIdentityProvider.AUDIENCE);
		registry.add("ftp-gateway.security.jwt.servers-claim", () -> "ftp_servers");
	}

	private static void server(DynamicPropertyRegistry registry, String name, EmbeddedFtpServer ftp) {
		String prefix = "ftp-gateway.servers." + name + ".";
		registry.add(prefix + "host", ftp::host);
		registry.add(prefix + "port", ftp::port);
		registry.add(prefix + "user", () -> "gateway");
		registry.add(prefix + "password", () -> "gateway-secret");
	}

	@Test
	void anApiKeyLimitedToOneServerIsRefusedOnTheOthers() {
		assertThat(get("/servers/alpha/files/readme.txt", "X-API-Key", ALPHA_KEY).statusCode()).isEqualTo(200);
		assertThat(get("/files/readme.txt", "X-API-Key", ALPHA_KEY).statusCode()).as("alpha is the default").isEqualTo(200);
		HttpResponse<String> refused = get("/servers/beta/files/readme.txt", "X-API-Key", ALPHA_KEY);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("The credentials do not grant the 'read' scope on server 'beta'");
		assertThat(get("/servers/gamma/files/", "X-API-Key", ALPHA_KEY).statusCode()).isEqualTo(403);
		for (String server : List.of("alpha", "beta", "gamma")) {
			assertThat(get("/servers/" + server + "/files/readme.txt", "X-API-Key", EVERYWHERE_KEY).statusCode())
				.as(server)
				.isEqualTo(200);
		}
	}

	@Test
	void aJwtScopeNamingAServerGrantsItOnThatServerOnly() {
		String token = jwt(FakeIdentityProvider.claims("read:beta").build());
		assertThat(get("/servers/beta/files/readme.txt", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(200);
		assertThat(get("/servers/alpha/files/readme.txt", "Authorization", "Bearer " + token).statusCode())
			.isEqualTo(403);
		assertThat(get("/files/readme.txt", "Authorization", "Bearer " + token).statusCode()).isEqualTo(403);
	}

	@Test
	void theServersClaimLimitsAJwtsScopes() {
		String limited = jwt(FakeIdentityProvider.claims("read").claim("ftp_servers", List.of("gamma")).build());
		assertThat(get("/servers/gamma/files/readme.txt", "Authorization", "Bearer " + limited).statusCode())
			.isEqualTo(200);
		assertThat(get("/servers/beta/files/readme.txt", "Authorization", "Bearer " + limited).statusCode())
			.isEqualTo(403);
		String everywhere = jwt(FakeIdentityProvider.claims("read").build());
		assertThat(get("/servers/beta/files/readme.txt", "Authorization", "Bearer " + everywhere).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aPassThroughLoginIsCheckedWithTheServerTheRequestIsFor() {
		assertThat(get("/servers/alpha/files/readme.txt", "Authorization", basic("alice", "alice-secret")).statusCode())
			.isEqualTo(200);
		assertThat(get("/servers/beta/files/readme.txt", "Authorization", basic("bob", "bob-secret")).statusCode())
			.isEqualTo(200);
		assertThat(get("/servers/beta/files/readme.txt", "Authorization", basic("alice", "alice-secret")).statusCode())
			.as("beta does not know alice")
			.isEqualTo(401);
		assertThat(get("/servers/gamma/files/readme.txt", "Authorization", basic("alice", "alice-secret")).statusCode())
			.as("gamma takes no pass-through logins, though its FTP server knows alice")
			.isEqualTo(401);
		assertThat(get("/files/readme.txt", "Authorization", basic("alice", "alice-secret")).statusCode())
			.as("the default server, alpha")
			.isEqualTo(200);
	}

	private static String jwt(JWTClaimsSet claims) {
		return FakeIdentityProvider.sign(SIGNING_KEY, claims);
	}

	private static String basic(String user, String password) {
		return SecuredGatewaySupport.basic(user, password);
	}

	private HttpResponse<String> get(String rawPath, String header, String value) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + rawPath))
			.timeout(TIMEOUT)
			.header(header, value)
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static EmbeddedFtpServer server(String user, String password) {
		try {
			Path home = Files.createTempDirectory("ftp-gateway-restrictions-");
			Files.writeString(home.resolve("readme.txt"), "hello");
			return new EmbeddedFtpServer(home, "gateway", "gateway-secret").addUser(user, password)
				.listenOn("127.0.0.1", 0)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
