package dev.ftpgateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import dev.ftpgateway.files.RemotePath;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Share links end to end: made with an API key, used with no other credentials, and good for
 * exactly their path, their methods and their lifetime.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShareLinksIT extends SecuredGatewaySupport {

	static final String SECRET = "a share link secret, 32 bytes or longer";

	private static final String PUBLIC_URL = "https://files.example.test";

	private static final String SHARER_KEY = "sharer-key-0123456789";

	private static final String READ_SHARER_KEY = "read-sharer-key-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void shares(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.shares.secret", () -> SECRET);
		registry.add("ftp-gateway.shares.max-expires-in", () -> "P1D");
		registry.add("ftp-gateway.web.public-url", () -> PUBLIC_URL);
		registry.add("ftp-gateway.security.pass-through.scopes", () -> "read,write,delete,share");
		apiKey(registry, 3, "sharer", SHARER_KEY, "read,write,share");
		apiKey(registry, 4, "read-sharer", READ_SHARER_KEY, "read,share");
	}

	@Test
	void aReadLinkDownloadsTheFileWithNoOtherCredentials() throws Exception {
		file("shares/report.pdf", "quarterly numbers");
		Instant before = Instant.now();
		HttpResponse<String> created = create(SHARER_KEY, "/shares/report.pdf", "read", "PT1H");
		Instant after = Instant.now();
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(created.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		JsonNode link = JSON.readTree(created.body());
		assertThat(link.get("url").asString()).startsWith(PUBLIC_URL + "/files/shares/report.pdf?share=read.");
		assertThat(Instant.parse(link.get("expiresAt").asString())).isBetween(before.plusSeconds(3600).minusSeconds(1),
				after.plusSeconds(3600));
		String url = local(link.get("url").asString());
		HttpResponse<String> download = send(request(url));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("quarterly numbers");
		assertThat(send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
		HttpResponse<String> range = send(request(url).header("Range", "bytes=0-8"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo("quarterly");
		String etag = download.headers().firstValue("ETag").orElseThrow();
		assertThat(send(request(url).header("If-None-Match", etag)).statusCode()).isEqualTo(304);
	}

	@Test
	void aFolderLinkListsTheFolderAndReadsEverythingBelowIt() {
		file("shares/folder/a.txt", "a");
		file("shares/folder/sub/b.txt", "b");
		String token = token(read("/shares/folder/"));
		HttpResponse<String> listing = send(request("/files/shares/folder/?share=" + token));
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(listing.body()).contains("a.txt", "sub");
		assertThat(send(request("/files/shares/folder?share=" + token)).statusCode()).isEqualTo(200);
		assertThat(send(request("/files/shares/folder/sub/b.txt?share=" + token)).body()).isEqualTo("b");
	}

	@Test
	void aFolderLinkReachesNothingBesideOrAboveIt() {
		file("shares/folder/a.txt", "a");
		file("shares/folder2/secret.txt", "not shared");
		file("shares/top.txt", "not shared");
		String token = token(read("/shares/folder/"));
		for (String beside : new String[] { "/files/shares/folder2/secret.txt", "/files/shares/", "/files/shares/top.txt",
				"/files/" }) {
			HttpResponse<String> response = send(request(beside + "?share=" + token));
			assertThat(response.statusCode()).as(beside).isEqualTo(403);
			assertThat(response.body()).as(beside).contains("for the folder /shares/folder/ and what it holds only");
		}
		for (String around : new String[] { "/files/shares/folder/../top.txt", "/files/shares/folder/%2e%2e/top.txt",
				"/files/shares/folder/..%2Ftop.txt", "/files/shares/folder%2F..%2Ftop.txt" }) {
			HttpResponse<String> response = send(request(around + "?share=" + token));
			assertThat(response.statusCode()).as(around).isIn(400, 403);
			assertThat(response.body()).as(around).doesNotContain("not shared");
		}
	}

	@Test
	void aFileLinkReadsNoOtherFile() {
		file("shares/b.pdf", "shared");
		file("shares/c.pdf", "not shared");
		String token = token(read("/shares/b.pdf"));
		HttpResponse<String> response = send(request("/files/shares/c.pdf?share=" + token));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("This share link is for /shares/b.pdf only");
	}

	@Test
	void aReadLinkNeitherWritesNorMovesNorDeletes() {
		Path file = file("shares/keep.txt", "original");
		String token = token(read("/shares/keep.txt"));
		assertThat(send(request("/files/shares/keep.txt?share=" + token).PUT(HttpRequest.BodyPublishers.ofString("x")))
			.body()).contains("allows GET and HEAD only");
		assertThat(send(request("/files/shares/keep.txt?share=" + token).DELETE()).statusCode()).isEqualTo(403);
		assertThat(send(request("/files/shares/keep.txt?moveTo=/moved.txt&share=" + token)
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(403);
		assertThat(content(file)).isEqualTo("original");
	}

	@Test
	void aWriteLinkUploadsItsFileOnceAndNeverReplacesIt() {
		dir("shares/inbox");
		String url = local(url(create(SHARER_KEY, "/shares/inbox/upload.txt", "write", "PT10M")));
		assertThat(send(request(url).PUT(HttpRequest.BodyPublishers.ofString("first"))).statusCode()).isEqualTo(201);
		HttpResponse<String> again = send(request(url).PUT(HttpRequest.BodyPublishers.ofString("second")));
		assertThat(again.statusCode()).isEqualTo(412);
		assertThat(again.body()).contains("If-None-Match: *");
		assertThat(content(HOME.resolve("shares/inbox/upload.txt"))).isEqualTo("first");
		assertThat(send(request(url)).statusCode()).as("a write link reads nothing").isEqualTo(403);
	}

	@Test
	void aWriteLinkWhoseFileExistsChangesNothing() {
		Path existing = file("shares/inbox/existing.txt", "kept");
		String token = token(new ShareGrant(RemotePath.ofDecoded("/shares/inbox/existing.txt"), ShareGrant.Access.WRITE,
				Instant.now().plusSeconds(600)));
		assertThat(send(request("/files/shares/inbox/existing.txt?share=" + token).header("If-None-Match", "\"other\"")
			.PUT(HttpRequest.BodyPublishers.ofString("replaced"))).statusCode()).isEqualTo(412);
		assertThat(send(request("/files/shares/inbox/existing.txt?share=" + token + "&append=true")
			.PUT(HttpRequest.BodyPublishers.ofString("appended"))).statusCode()).isEqualTo(412);
		assertThat(content(existing)).isEqualTo("kept");
	}

	@Test
	void aWriteLinkCreatesNoFolderOfItsName() {
		dir("shares/inbox");
		String token = token(new ShareGrant(RemotePath.ofDecoded("/shares/inbox/folder-not.txt"), ShareGrant.Access.WRITE,
				Instant.now().plusSeconds(600)));
		assertThat(send(request("/files/shares/inbox/folder-not.txt/?share=" + token).PUT(HttpRequest.BodyPublishers.noBody()))
			.statusCode()).isEqualTo(403);
		assertThat(HOME.resolve("shares/inbox/folder-not.txt")).doesNotExist();
	}

	@Test
	void aLinkAlteredInAnyPartIsRefusedAndNothingIsRead() {
		file("shares/public.txt", "public");
		file("shares/private.txt", "private");
		String[] parts = token(read("/shares/public.txt")).split("\\.");
		String privatePath = Base64.getUrlEncoder().withoutPadding().encodeToString("/shares/private.txt".getBytes(StandardCharsets.UTF_8));
		String[][] altered = { { "/files/shares/public.txt", "write", parts[1], parts[2], parts[3] },
				{ "/files/shares/public.txt", parts[0], Long.toString(Long.parseLong(parts[1]) + 86400), parts[2], parts[3] },
				{ "/files/shares/private.txt", parts[0], parts[1], privatePath, parts[3] },
				{ "/files/shares/public.txt", parts[0], parts[1], parts[2], parts[3].substring(1) + "A" } };
		for (String[] link : altered) {
			String token = String.join(".", link[1], link[2], link[3], link[4]);
			HttpResponse<String> response = send(request(link[0] + "?share=" + token));
			assertThat(response.statusCode()).as(token).isEqualTo(403);
			assertThat(response.body()).as(token).contains("altered").doesNotContain("public", "private");
		}
	}

	@Test
	void anExpiredLinkIsRefusedSayingSo() {
		file("shares/old.txt", "old");
		Instant expired = Instant.now().minusSeconds(10);
		HttpResponse<String> response = send(request("/files/shares/old.txt?share="
				+ token(new ShareGrant(RemotePath.ofDecoded("/shares/old.txt"), ShareGrant.Access.READ, expired))));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("The share link expired at " + expired.truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void aLinkIsTheOnlyCredentialThatCounts() {
		file("shares/both.txt", "both");
		String url = "/files/shares/both.txt?share=" + token(read("/shares/both.txt"));
		assertThat(send(request(url).header("Authorization", basic("alice", "wrong"))).body())
			.as("a browser's stored Basic credentials, here wrong ones").isEqualTo("both");
		assertThat(send(request(url).header(ApiKeyAuthenticationFilter.HEADER, "unknown-key")).body()).isEqualTo("both");
	}

	@Test
	void aLinkOpensNoOtherRoute() {
		String token = token(read("/"));
		assertThat(send(request("/actuator/prometheus?share=" + token)).statusCode()).isEqualTo(401);
		assertThat(send(request("/shares?share=" + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body("/", "read", "PT1H")))).statusCode()).isEqualTo(401);
	}

	@Test
	void sharingNeedsTheShareScope() {
		HttpResponse<String> response = create(READER_KEY, "/readme.txt", "read", "PT1H");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("'share' scope");
	}

	@Test
	void aLinkNeedsTheScopeItGrantsToo() {
		HttpResponse<String> response = create(READ_SHARER_KEY, "/shares/inbox/x.txt", "write", "PT1H");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("A write share link needs the 'write' scope as well as 'share'");
		assertThat(create(READ_SHARER_KEY, "/readme.txt", "read", "PT1H").statusCode()).isEqualTo(201);
	}

	@Test
	void passThroughCallersCannotShare() {
		HttpResponse<String> response = send(request("/shares").header("Authorization", basic("alice", "alice-secret"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body("/readme.txt", "read", "PT1H"))));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("pass-through");
	}

	@Test
	void badRequestsForLinksAreRefusedSayingWhy() {
		assertThat(create(SHARER_KEY, "/readme.txt", "read", "P2D").body()).contains("longer than", "PT24H");
		assertThat(create(SHARER_KEY, "/readme.txt", "read", "1h").body()).contains("ISO-8601");
		assertThat(create(SHARER_KEY, "/readme.txt", "read", "PT0S").body()).contains("at least one second");
		assertThat(create(SHARER_KEY, "/readme.txt", "admin", "PT1H").body()).contains("access must be");
		assertThat(create(SHARER_KEY, "/shares/inbox/", "write", "PT1H").body()).contains("must name a file");
		assertThat(create(SHARER_KEY, "/../etc/passwd", "read", "PT1H").body()).contains("Invalid path");
		HttpResponse<String> missing = send(request("/shares").header(ApiKeyAuthenticationFilter.HEADER, SHARER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/readme.txt\"}")));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("are required");
		for (String[] bad : new String[][] { { "/readme.txt", "read", "P2D" }, { "/readme.txt", "read", "1h" },
				{ "/shares/inbox/", "write", "PT1H" } }) {
			assertThat(create(SHARER_KEY, bad[0], bad[1], bad[2]).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void linksStartWithThePublicUrlAndEncodeEveryOddName() {
		// No '?': MINA, the server here, takes names with one for folders.
		String name = "odd name;#%&+ü.txt";
		file("shares/" + name, "odd");
		String url = url(create(SHARER_KEY, "/shares/" + name, "read", "PT1H"));
		assertThat(url).startsWith(PUBLIC_URL + "/files/shares/odd%20name%3B%23%25%26%2B%C3%BC.txt?share=");
		assertThat(send(request(local(url))).body()).isEqualTo("odd");
	}

	private HttpResponse<String> create(String key, String path, String access, String expiresIn) {
		return send(request("/shares").header(ApiKeyAuthenticationFilter.HEADER, key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body(path, access, expiresIn))));
	}

	private static String body(String path, String access, String expiresIn) {
		return JSON.writeValueAsString(Map.of("path", path, "access", access, "expiresIn", expiresIn));
	}

	private static String url(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("url").asString();
	}

	/** The link's path and query, to send to this gateway rather than the public URL. */
	private static String local(String url) {
		assertThat(url).startsWith(PUBLIC_URL);
		return url.substring(PUBLIC_URL.length());
	}

	static String token(ShareGrant grant) {
		return new ShareTokens(SECRET.getBytes(StandardCharsets.UTF_8)).sign(grant);
	}

	private static ShareGrant read(String path) {
		return new ShareGrant(RemotePath.ofDecoded(path), ShareGrant.Access.READ, Instant.now().plusSeconds(600));
	}

	private static Path file(String name, String content) {
		try {
			Path file = HOME.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void dir(String name) {
		try {
			Files.createDirectories(HOME.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String content(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
