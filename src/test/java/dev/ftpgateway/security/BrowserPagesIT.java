package dev.ftpgateway.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folder pages with the gateway's security on: browsers without credentials get a sign-in page
 * with the same 401 challenges, and pages offer what the caller's scopes allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserPagesIT extends SecuredGatewaySupport {

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

	private String page(String key) {
		HttpResponse<String> response = send(request("/files/").header("Accept", "text/html")
			.header(ApiKeyAuthenticationFilter.HEADER, key));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
