package dev.ftpgateway.security;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the access log writes about requests that carry secrets or never reach the gateway's handlers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIT extends SecuredGatewaySupport {

	private static final Duration LOGGED = Duration.ofSeconds(10);

	@Test
	void aKeySentInTheQueryStringByMistakeIsNotLogged(CapturedOutput output) {
		send(request("/files/readme.txt?api_key=" + WRITER_KEY + "&x=1").header(ApiKeyAuthenticationFilter.HEADER, READER_KEY));
		await().atMost(LOGGED).untilAsserted(() -> assertThat(output.getOut()).contains("GET /files/readme.txt?api_key=***&x=1 200"));
		assertThat(output.getOut()).doesNotContain(WRITER_KEY);
	}

	@Test
	void aRequestTheFirewallRejectsGetsAProblemAndALogLine(CapturedOutput output) {
		HttpResponse<String> response = send(request("/files/a%0d%0ab").header(ApiKeyAuthenticationFilter.HEADER, ADMIN_KEY)
			.DELETE());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":400");
		await().atMost(LOGGED).untilAsserted(() -> assertThat(output.getOut()).contains("DELETE /files/a%0d%0ab 400 "));
	}

}
