package dev.ftpgateway.security;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyStoreTest {

	@Test
	void aKeyIsFoundByItsSha256Hash() {
		ApiKeyStore store = new ApiKeyStore(List.of(new ApiKeyStore.ApiKey("ci", ApiKeyHash.of("k1"), Set.of(FtpScope.READ), Set.of())));
		assertThat(store.find("k1")).hasValueSatisfying((key) -> assertThat(key.name()).isEqualTo("ci"));
		assertThat(store.find("k2")).isEmpty();
		assertThat(store.find("")).isEmpty();
	}

	@Test
	void theHashIsThePrefixedLowerCaseHexDigest() {
		// printf %s test | sha256sum
		assertThat(ApiKeyHash.of("test"))
			.isEqualTo("{sha256}9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	}

	@Test
	void upperCaseHexIsAcceptedAsWritten() {
		String hash = ApiKeyHash.of("k1").toUpperCase().replace("{SHA256}", "{sha256}");
		ApiKeyStore store = new ApiKeyStore(List.of(new ApiKeyStore.ApiKey("ci", hash, Set.of(FtpScope.READ), Set.of())));
		assertThat(store.find("k1")).isPresent();
	}

	@Test
	void aPlainKeyInPlaceOfAHashIsRefusedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiKeyStore(List.of(new ApiKeyStore.ApiKey("ci", "my-secret-key", Set.of(), Set.of()))))
			.withMessageContaining("ci")
			.withMessageNotContaining("my-secret-key");
	}

	@Test
	void newKeysAreLongRandomAndNeverLookLikeAJwt() {
		String key = ApiKeyHash.newKey();
		assertThat(key).hasSize(43).doesNotContain(".").isNotEqualTo(ApiKeyHash.newKey());
	}

	@Test
	void keysNeverShowTheirHash() {
		ApiKeyStore.ApiKey key = new ApiKeyStore.ApiKey("ci", ApiKeyHash.of("k1"), Set.of(FtpScope.READ), Set.of());
		assertThat(key.toString()).contains("ci").doesNotContain("sha256");
	}

}
