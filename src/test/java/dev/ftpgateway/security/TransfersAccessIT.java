package dev.ftpgateway.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing and cancelling every caller's transfers takes the admin scope; no other scope will do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransfersAccessIT extends SecuredGatewaySupport {

	static final String OPERATOR_KEY = "operator-key-0123456789";

	@DynamicPropertySource
	static void operatorKey(DynamicPropertyRegistry registry) {
		apiKey(registry, 3, "operator", OPERATOR_KEY, "admin");
	}

	@Test
	void onlyTheAdminScopeListsAndCancelsTransfers() {
		assertThat(send(request("/actuator/transfers")).statusCode()).isEqualTo(401);
		for (String key : new String[] { READER_KEY, ADMIN_KEY }) {
			assertThat(send(request("/actuator/transfers").header(ApiKeyAuthenticationFilter.HEADER, key)).statusCode())
				.isEqualTo(403);
			assertThat(send(request("/actuator/transfers/any").header(ApiKeyAuthenticationFilter.HEADER, key).DELETE())
				.statusCode()).isEqualTo(403);
		}
		var list = send(request("/actuator/transfers").header(ApiKeyAuthenticationFilter.HEADER, OPERATOR_KEY));
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"transfers\":[");
		assertThat(send(request("/actuator/transfers/no-such-transfer").header(ApiKeyAuthenticationFilter.HEADER,
				OPERATOR_KEY)
			.DELETE()).statusCode()).isEqualTo(404);
	}

	@Test
	void theAdminScopeAloneReadsNoFiles() {
		assertThat(send(request("/files/").header(ApiKeyAuthenticationFilter.HEADER, OPERATOR_KEY)).statusCode())
			.isEqualTo(403);
	}

}
