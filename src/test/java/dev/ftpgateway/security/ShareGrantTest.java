package dev.ftpgateway.security;

import java.time.Instant;

import dev.ftpgateway.files.RemotePath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A share link reaches its own path with its own methods, and nothing next to, above or around it. */
class ShareGrantTest {

	private static final Instant EXPIRES = Instant.parse("2026-12-06T05:00:00Z");

	@Test
	void aFileLinkReachesThatFileOnly() {
		ShareGrant grant = read("/a/b.pdf");
		assertThat(grant.refusal(path("/a/b.pdf"), "GET")).isEmpty();
		assertThat(grant.refusal(path("/a/./x/../b.pdf"), "HEAD")).as("the same path, normalised").isEmpty();
		for (String other : new String[] { "/a/c.pdf", "/a/b.pdf/", "/a/b.pdf/x", "/a/", "/a", "/", "/b.pdf", "/a/b.pdf2" }) {
			assertThat(grant.refusal(path(other), "GET")).as(other).hasValue("This share link is for /a/b.pdf only");
		}
	}

	@Test
	void aFolderLinkReachesTheFolderAndWhatIsBelowItOnly() {
		ShareGrant grant = read("/a/");
		for (String inside : new String[] { "/a/", "/a", "/a/b.pdf", "/a/x/y/z.txt", "/a/x/../b.pdf" }) {
			assertThat(grant.refusal(path(inside), "GET")).as(inside).isEmpty();
		}
		for (String outside : new String[] { "/a2/", "/a2/b.pdf", "/", "/b.pdf", "/a/../b.pdf", "/ab" }) {
			assertThat(grant.refusal(path(outside), "GET")).as(outside)
				.hasValue("This share link is for the folder /a/ and what it holds only");
		}
	}

	@Test
	void aLinkToTheRootReachesEverything() {
		assertThat(read("/").refusal(path("/x/y.txt"), "GET")).isEmpty();
	}

	@Test
	void aReadLinkAllowsGetAndHeadOnly() {
		ShareGrant grant = read("/a/");
		for (String method : new String[] { "PUT", "POST", "DELETE", "PATCH", "OPTIONS" }) {
			assertThat(grant.refusal(path("/a/b.pdf"), method)).as(method).hasValue("This share link allows GET and HEAD only");
		}
	}

	@Test
	void aWriteLinkAllowsPutOfItsFileOnly() {
		ShareGrant grant = new ShareGrant(path("/in/report.pdf"), ShareGrant.Access.WRITE, EXPIRES);
		assertThat(grant.refusal(path("/in/report.pdf"), "PUT")).isEmpty();
		assertThat(grant.refusal(path("/in/report.pdf"), "GET")).hasValue("This share link allows PUT only");
		assertThat(grant.refusal(path("/in/report.pdf/"), "PUT")).as("a folder of the same name").isPresent();
		assertThat(grant.refusal(path("/in/other.pdf"), "PUT")).isPresent();
	}

	@Test
	void aWriteLinkNamesAFile() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShareGrant(path("/in/"), ShareGrant.Access.WRITE, EXPIRES));
	}

	@Test
	void expiryHasWholeSeconds() {
		assertThat(new ShareGrant(path("/a"), ShareGrant.Access.READ, EXPIRES.plusMillis(999)).expiresAt()).isEqualTo(EXPIRES);
	}

	private static ShareGrant read(String path) {
		return new ShareGrant(path(path), ShareGrant.Access.READ, EXPIRES);
	}

	private static RemotePath path(String path) {
		return RemotePath.ofDecoded(path);
	}

}
