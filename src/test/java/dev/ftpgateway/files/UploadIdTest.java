package dev.ftpgateway.files;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadIdTest {

	@Test
	void anIdReadsBackAsTheSameFolderAndNonce() {
		UploadId id = UploadId.random(RemotePath.ofDecoded("/a b/ü"));
		assertThat(UploadId.parse(id.text())).hasValue(id);
		assertThat(id.partial().toString()).isEqualTo("/a b/ü/.tus-" + id.nonce());
		assertThat(id.text()).matches("[0-9a-f]{32}\\.[A-Za-z0-9_-]+");
	}

	@Test
	void anIdWhoseFolderBreaksThePathRulesIsNoId() {
		String nonce = "0123456789abcdef0123456789abcdef";
		assertThat(UploadId.parse(nonce + "." + base64("/../etc"))).isEmpty();
		assertThat(UploadId.parse(nonce + "." + base64("/a\r\nDELE x"))).isEmpty();
		assertThat(UploadId.parse(nonce + "." + base64("relative"))).isEmpty();
		assertThat(UploadId.parse("0123." + base64("/a"))).isEmpty();
		assertThat(UploadId.parse(nonce + ".!!")).isEmpty();
	}

	@Test
	void onlyCompanionFilesMarkUploads() {
		assertThat(UploadId.nonceOfCompanion(".tus-0123456789abcdef0123456789abcdef.info"))
			.hasValue("0123456789abcdef0123456789abcdef");
		assertThat(UploadId.nonceOfCompanion(".tus-0123456789abcdef0123456789abcdef")).isEmpty();
		assertThat(UploadId.nonceOfCompanion(".tus-xyz.info")).isEmpty();
		assertThat(UploadId.nonceOfCompanion("report.info")).isEmpty();
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
