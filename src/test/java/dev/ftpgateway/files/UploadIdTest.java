package dev.ftpgateway.files;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadIdTest {

	private static final String NONCE = "0123456789abcdef0123456789abcdef";

	@Test
	void anIdReadsBackAsTheSameTargetLengthAndNonce() {
		UploadId id = UploadId.random(RemotePath.ofDecoded("/a b/ü.txt"), 42);
		assertThat(UploadId.parse(id.text())).hasValue(id);
		assertThat(id.partial().toString()).isEqualTo("/a b/.tus-" + id.nonce());
		assertThat(id.text()).matches("[0-9a-f]{32}\\.42\\.[A-Za-z0-9_-]+");
	}

	@Test
	void anIdWhoseTargetBreaksThePathRulesIsNoId() {
		assertThat(UploadId.parse(NONCE + ".1." + base64("/../etc/passwd"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".1." + base64("/a\r\nDELE x"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".1." + base64("relative"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".1." + base64("/"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".1." + base64("/folder/"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".-1." + base64("/a"))).isEmpty();
		assertThat(UploadId.parse("0123.1." + base64("/a"))).isEmpty();
		assertThat(UploadId.parse(NONCE + ".1.!!")).isEmpty();
	}

	@Test
	void onlyCompanionFilesMarkUploads() {
		RemotePath folder = RemotePath.ofDecoded("/in");
		assertThat(UploadFiles.ofCompanion(folder, ".tus-" + NONCE + ".info")).hasValue(new UploadFiles(folder, NONCE));
		assertThat(UploadFiles.ofCompanion(folder, ".tus-" + NONCE)).isEmpty();
		assertThat(UploadFiles.ofCompanion(folder, ".tus-xyz.info")).isEmpty();
		assertThat(UploadFiles.ofCompanion(folder, "report.info")).isEmpty();
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
