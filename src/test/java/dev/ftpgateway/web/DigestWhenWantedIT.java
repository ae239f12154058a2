package dev.ftpgateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.ftpgateway.web.DigestIT.sha256Field;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code ftp-gateway.transfer.digest-every-upload=false}, only a PUT that asks is hashed. */
@TestPropertySource(properties = "ftp-gateway.transfer.digest-every-upload=false")
class DigestWhenWantedIT extends GatewayTestSupport {

	@Test
	void aPutThatDoesNotAskAnswersNoReprDigest() throws Exception {
		HttpResponse<String> stored = send(request(this.base + "/quiet.txt").PUT(HttpRequest.BodyPublishers.ofString("quiet")));
		assertStatus(stored, 201);
		assertThat(stored.headers().firstValue("Repr-Digest")).isEmpty();
		assertThat(Files.readString(this.folder.resolve("quiet.txt"))).isEqualTo("quiet");
	}

	@Test
	void aPutThatAsksWithWantReprDigestAnswersItsSha256() throws Exception {
		HttpResponse<String> stored = send(request(this.base + "/asked.txt")
			.header("Want-Repr-Digest", "sha-256=1")
			.PUT(HttpRequest.BodyPublishers.ofString("asked")));
		assertStatus(stored, 201);
		assertThat(stored.headers().firstValue("Repr-Digest")).hasValue(sha256Field("asked"));
	}

	@Test
	void aDigestThePutSendsIsStillChecked() throws Exception {
		HttpResponse<String> refused = send(request(this.base + "/checked.txt")
			.header("Content-Digest", sha256Field("expected"))
			.PUT(HttpRequest.BodyPublishers.ofString("different")));
		assertStatus(refused, 400);
		assertThat(namesInFolder()).isEmpty();
	}

}
