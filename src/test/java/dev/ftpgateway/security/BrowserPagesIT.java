package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folder pages and form uploads with the gateway's security on: browsers without credentials get
 * a sign-in page with the same 401 challenges, pages offer what the caller's scopes allow, and
 * form uploads keep the upload limit and the cross-site check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPagesIT extends SecuredGatewaySupport {

	private static final String BOUNDARY = "browser-pages-boundary";

	@Test
	void aBrowserWithoutCredentialsGetsASignInPageWithTheChallenges() {
		HttpResponse<String> response = send(request("/files/").header("Accept", "text/html"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch((c) -> c.startsWith("Basic"))
			.anyMatch((c) -> c.startsWith("Bearer"));
		assertThat(response.headers().firstValue("Content-Type").map(String::toLowerCase))
			.hasValue("text/html;charset=utf-8");
		assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(response.body()).contains("Sign in", "id=\"credential-dialog\"", "src=\"../assets/folder-page.js\"")
			.doesNotContain("readme.txt");
	}

	@Test
	void clientsOfTheApiStillGetProblems() {
		HttpResponse<String> response = send(request("/files/"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void theWayInNeedsNoCredentials() {
		assertThat(send(request("/")).statusCode()).isEqualTo(302);
		assertThat(send(request("/assets/folder-page.js")).statusCode()).isEqualTo(200);
		assertThat(send(request("/assets/folder-page.css")).statusCode()).isEqualTo(200);
	}

	@Test
	void pagesOfferOnlyWhatTheCallersScopesAllow() {
		String reader = page(READER_KEY);
		assertThat(reader).contains("readme.txt", "data-signed-in=\"true\"", "data-write=\"false\"")
			.doesNotContain("id=\"upload\"", "data-action=");
		String writer = page(WRITER_KEY);
		assertThat(writer).contains("id=\"upload\"", "data-action=\"move\"").doesNotContain("data-action=\"delete\"");
		assertThat(page(ADMIN_KEY)).contains("data-action=\"delete\"");
	}

	@Test
	void formUploadsOverTheUploadLimitStoreNothing() throws Exception {
		HttpResponse<String> response = send(form("/files/form-limit/?mkdirs=true", "big.bin", "x".repeat(2048))
			.header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY));
		assertThat(response.statusCode()).isEqualTo(413);
		Path folder = HOME.resolve("form-limit");
		if (Files.exists(folder)) {
			try (var names = Files.list(folder)) {
				assertThat(names).isEmpty();
			}
		}
	}

	@Test
	void aFormFromAnotherSiteIsRefused() {
		HttpResponse<String> response = send(form("/files/?mkdirs=true", "planted.txt", "x")
			.header("Authorization", basic("alice", "alice-secret"))
			.header("Origin", "http://evil.test"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(HOME.resolve("planted.txt")).doesNotExist();
	}

	@Test
	void aFormFromTheGatewaysOwnPageIsStored() throws Exception {
		HttpResponse<String> response = send(form("/files/form-own/?mkdirs=true", "own.txt", "mine")
			.header(ApiKeyAuthenticationFilter.HEADER, WRITER_KEY)
			.header("Origin", "http://127.0.0.1:" + this.port));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(Files.readString(HOME.resolve("form-own/own.txt"))).isEqualTo("mine");
	}

	private String page(String key) {
		HttpResponse<String> response = send(request("/files/").header("Accept", "text/html")
			.header(ApiKeyAuthenticationFilter.HEADER, key));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpRequest.Builder form(String path, String fileName, String content) {
		byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
		return request(path).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
	}

}
