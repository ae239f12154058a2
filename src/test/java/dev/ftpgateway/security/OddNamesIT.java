package dev.ftpgateway.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names an FTP server can hold that the path rules have no reason to refuse travel through the
 * firewall and the container, percent-encoded, over a real port: uploaded, listed, downloaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OddNamesIT extends SecuredGatewaySupport {

	static Stream<String> oddNames() {
		return Stream.of("a;b.txt", ";", "a%b", "100%25", "#", "a#b", "a b c.txt", " lead", "ünïcødé €.txt",
				"日本語.txt", "a+b&c=d.txt", "it's \"quoted\".txt", "a|b^c`d.txt", "<>.txt");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oddNames")
	void aFileWithAnOddNameIsUploadedListedAndDownloaded(String name) {
		// UriUtils leaves ';' as it is (RFC 3986 allows it in a segment); the gateway wants it encoded.
		String path = "/files/odd/" + UriUtils.encodePathSegment(name, "UTF-8").replace(";", "%3B");
		String content = "content of " + name;
		HttpResponse<String> put = send(request(path + "?mkdirs=true").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
			.PUT(HttpRequest.BodyPublishers.ofString(content)));
		assertThat(put.statusCode()).as(put.body()).isIn(201, 204);
		HttpResponse<String> listing = send(request("/files/odd/").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
			.header("Accept", "text/plain"));
		assertThat(listing.body().lines()).contains(name);
		HttpResponse<String> get = send(request(path).header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY));
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		assertThat(get.body()).isEqualTo(content);
	}

}
