package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web app on another origin uses the gateway from a browser: its preflights are answered
 * without credentials, its scripts read answers, problems and the headers that matter, and it
 * hands out share links; an origin not listed gets no CORS headers and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CorsIT extends SecuredGatewaySupport {

	private static final String APP = "https://app.example.test";

	private static final String OTHER = "https://evil.test";

	private static final String APP_KEY = "app-key-0123456789";

	@DynamicPropertySource
	static void cors(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.web.cors.allowed-origins", () -> APP + ",https://*.partner.test");
		registry.add("ftp-gateway.web.cors.allow-credentials", () -> "true");
		registry.add("ftp-gateway.shares.secret", () -> ShareLinksIT.SECRET);
		apiKey(registry, 3, "app", APP_KEY, "read,write,share");
	}

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials() {
		HttpResponse<String> response = preflight("/files/upload.txt", APP, "PUT",
				"x-api-key, content-type, if-none-match, want-repr-digest");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT", "DELETE",
				"POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("x-api-key", "content-type", "if-none-match", "want-repr-digest");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("1800");
		for (String[] other : new String[][] { { "/files/a/b/", "DELETE", "authorization" },
				{ "/shares", "POST", "content-type, x-api-key" } }) {
			assertThat(preflight(other[0], "https://files.partner.test", other[1], other[2]).headers()
				.firstValue("Access-Control-Allow-Origin")).as(other[0]).hasValue("https://files.partner.test");
		}
	}

	@Test
	void aTusClientOfAnAllowedOriginResumesUploadsFromItsPages() {
		HttpResponse<String> preflight = preflight("/uploads/some-upload", APP, "PATCH",
				"x-api-key, tus-resumable, upload-offset, upload-checksum, content-type");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PATCH");
		HttpResponse<String> created = send(request("/uploads").header("Origin", APP)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY)
			.header("Tus-Resumable", "1.0.0")
			.header("Upload-Length", "3")
			.header("Upload-Metadata", "filename Y29ycy10dXMudHh0")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Location",
				"Upload-Offset", "Upload-Expires", "Tus-Resumable");
	}

	@Test
	void aPreflightAskingForAnotherHeaderIsRefused() {
		HttpResponse<String> response = preflight("/files/upload.txt", APP, "PUT", "x-not-allowed");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void scriptsOfAnAllowedOriginReadAnswersAndTheirHeaders() {
		HttpResponse<String> response = send(request("/files/readme.txt").header("Origin", APP)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag",
				"Content-Range", "Content-Disposition", "Location", "Retry-After", "Accept-Ranges", "Repr-Digest",
				"Content-Digest");
		assertThat(response.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Origin"));
	}

	@Test
	void scriptsOfAnAllowedOriginUploadAndReadTheLocation() {
		HttpResponse<String> response = send(request("/files/cors-upload.txt").header("Origin", APP)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY)
			.PUT(HttpRequest.BodyPublishers.ofString("from the app")));
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(response.headers().firstValue("Location")).isPresent();
	}

	@Test
	void scriptsOfAnAllowedOriginReadProblemsToo() {
		HttpResponse<String> response = send(request("/files/readme.txt").header("Origin", APP)
			.header(ApiKeyAuthenticationFilter.HEADER, "unknown-key"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void anOriginNotListedGetsNoCorsHeadersAndChangesNothing() {
		assertThat(preflight("/files/upload.txt", OTHER, "PUT", "x-api-key").headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
		HttpResponse<String> read = send(request("/files/readme.txt").header("Origin", OTHER)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY));
		assertThat(read.statusCode()).as("a read is left to authentication; the browser hides it from the script")
			.isEqualTo(200);
		assertThat(read.headers().map().keySet()).noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
		HttpResponse<String> write = send(request("/files/evil.txt").header("Origin", OTHER)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY)
			.PUT(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.headers().map().keySet()).noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
		assertThat(HOME.resolve("evil.txt")).doesNotExist();
	}

	@Test
	void aWebAppHandsOutAShareLinkThatWorksFromItsPages() {
		HttpResponse<String> created = send(request("/shares").header("Origin", APP)
			.header(ApiKeyAuthenticationFilter.HEADER, APP_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/readme.txt\", \"access\": \"read\", \"expiresIn\": \"PT5M\"}")));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		String url = JsonMapper.builder().build().readTree(created.body()).get("url").asString();
		String base = "http://127.0.0.1:" + this.port;
		assertThat(url).as("without a public URL, links start with the request's own").startsWith(base + "/files/readme.txt?share=");
		HttpResponse<String> download = send(request(url.substring(base.length())).header("Origin", APP));
		assertThat(download.body()).isEqualTo("hello");
		assertThat(download.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
	}

	@Test
	void unknownOriginsStayUnknownWhateverTheyLookLike() {
		for (String origin : List.of("https://app.example.test.evil.test", "http://app.example.test", "null",
				"https://partner.test")) {
			assertThat(preflight("/files/x.txt", origin, "PUT", "x-api-key").headers().firstValue("Access-Control-Allow-Origin"))
				.as(origin)
				.isEmpty();
		}
	}

	private HttpResponse<String> preflight(String path, String origin, String method, String headers) {
		return send(request(path).header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", headers)
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

}
