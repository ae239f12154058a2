package dev.ftpgateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages of other origins cannot change files through a browser that holds a user's Basic
 * credentials, while the gateway's own pages, trusted origins and non-browser clients can.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ftp-gateway.web.cors.allowed-origins=https://*.trusted.test,https://app.partner.test")
class CrossSiteRequestsIT extends SecuredGatewaySupport {

	private static final String ALICE = basic("alice", "alice-secret");

	@Test
	void aCrossSiteMoveWithATextPlainBodyIsRefusedBeforeReachingFtp() {
		String name = file("cross-move.txt");
		int commands = COUNTER.commands().size();
		HttpResponse<String> response = send(request("/files/" + name + "?moveTo=/moved.txt").header("Authorization", ALICE)
			.header("Origin", "http://evil.test")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(COUNTER.commands()).hasSize(commands);
		assertThat(HOME.resolve(name)).exists();
	}

	@Test
	void aCrossSiteFormIsRefused() {
		String name = file("cross-form.txt");
		HttpResponse<String> response = send(request("/files/" + name + "?moveTo=/x/e.txt&mkdirs=true")
			.header("Authorization", ALICE)
			.header("Origin", "http://evil.test")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("moveTo=/x/e.txt&mkdirs=true")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(HOME.resolve(name)).exists();
	}

	@Test
	void originsThatAreNoOriginAreRefused() {
		for (String origin : List.of("null", "file://", "http://127.0.0.1.evil.test:" + this.port)) {
			assertThat(send(request("/files/none.txt").header("Authorization", ALICE).header("Origin", origin).DELETE())
				.statusCode()).as(origin).isEqualTo(403);
		}
	}

	@Test
	void withoutOriginSecFetchSiteTellsAnotherSite() {
		for (String site : List.of("cross-site", "same-site")) {
			assertThat(send(request("/files/upload.txt").header("Authorization", ALICE)
				.header(CrossSiteRequestFilter.SEC_FETCH_SITE, site)
				.PUT(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).as(site).isEqualTo(403);
		}
	}

	@Test
	void theGatewaysOwnOriginMayChangeFiles() {
		String name = file("own.txt");
		assertThat(send(request("/files/" + name).header("Authorization", ALICE)
			.header("Origin", "http://127.0.0.1:" + this.port)
			.header(CrossSiteRequestFilter.SEC_FETCH_SITE, "same-origin")
			.DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void trustedOriginsMayChangeFiles() {
		String name = file("trusted.txt");
		assertThat(send(request("/files/" + name + "?moveTo=/trusted-moved.txt").header("Authorization", ALICE)
			.header("Origin", "https://files.trusted.test")
			.header(CrossSiteRequestFilter.SEC_FETCH_SITE, "cross-site")
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
		assertThat(send(request("/files/trusted-moved.txt").header("Authorization", ALICE)
			.header("Origin", "https://app.partner.test")
			.DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void clientsThatAreNoBrowserPass() {
		String name = file("curl.txt");
		assertThat(send(request("/files/" + name).header("Authorization", ALICE).DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void readsFromAnyOriginAreLeftToAuthentication() {
		assertThat(send(request("/files/readme.txt").header("Authorization", ALICE).header("Origin", "http://evil.test")
			.header(CrossSiteRequestFilter.SEC_FETCH_SITE, "cross-site")).statusCode()).isEqualTo(200);
	}

	private static String file(String name) {
		try {
			Files.writeString(HOME.resolve(name), "content");
			return name;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
