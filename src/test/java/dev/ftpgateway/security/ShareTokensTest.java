package dev.ftpgateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.ftpgateway.files.RemotePath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Share links verify to exactly what was signed, and any change to them, or time, ends that. */
class ShareTokensTest {

	private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

	private static final Instant EXPIRES = NOW.plusSeconds(3600);

	private final ShareTokens tokens = new ShareTokens(SECRET);

	@Test
	void aSignedLinkVerifiesToItsGrant() throws Exception {
		for (String path : new String[] { "/a/b.pdf", "/a/", "/", "/ordner/grüße 😀;#?%.txt" }) {
			ShareGrant.Access access = path.endsWith("/") ? ShareGrant.Access.READ : ShareGrant.Access.WRITE;
			ShareGrant grant = new ShareGrant(RemotePath.ofDecoded(path), access, EXPIRES);
			ShareGrant verified = this.tokens.verify(this.tokens.sign(grant), NOW);
			assertThat(verified.canonicalPath()).as(path).isEqualTo(path);
			assertThat(verified.folder()).as(path).isEqualTo(path.endsWith("/"));
			assertThat(verified.access()).isEqualTo(access);
			assertThat(verified.expiresAt()).isEqualTo(EXPIRES);
		}
	}

	@Test
	void tokensHoldOnlyCharactersAQueryStringTakesAsTheyAre() {
		String token = this.tokens.sign(new ShareGrant(RemotePath.ofDecoded("/a b/ü?&=+.txt"), ShareGrant.Access.READ, EXPIRES));
		assertThat(token).matches("[A-Za-z0-9._-]+");
	}

	@Test
	void aLinkAlteredInAnyPartIsRefusedAsAltered() {
		String[] parts = this.tokens.sign(new ShareGrant(RemotePath.ofDecoded("/a/b.pdf"), ShareGrant.Access.READ, EXPIRES))
			.split("\\.");
		String otherPath = Base64.getUrlEncoder().withoutPadding().encodeToString("/a/c.pdf".getBytes(StandardCharsets.UTF_8));
		String[] altered = { join("write", parts[1], parts[2], parts[3]),
				join(parts[0], Long.toString(EXPIRES.getEpochSecond() + 86400), parts[2], parts[3]),
				join(parts[0], parts[1], otherPath, parts[3]),
				join(parts[0], parts[1], parts[2], flipped(parts[3])) };
		for (String token : altered) {
			assertThatExceptionOfType(InvalidShareLinkException.class).as(token)
				.isThrownBy(() -> this.tokens.verify(token, NOW))
				.withMessageContaining("altered");
		}
	}

	@Test
	void aLinkSignedWithAnotherSecretIsRefused() {
		ShareTokens other = new ShareTokens("another secret, also 32 bytes long".getBytes(StandardCharsets.UTF_8));
		String token = other.sign(new ShareGrant(RemotePath.ofDecoded("/a/b.pdf"), ShareGrant.Access.READ, EXPIRES));
		assertThatExceptionOfType(InvalidShareLinkException.class).isThrownBy(() -> this.tokens.verify(token, NOW))
			.withMessageContaining("altered");
	}

	@Test
	void whatIsNoTokenIsRefused() {
		for (String token : new String[] { "", "read", "read.1.Lw", "read.1.Lw.sig.extra", "admin.1767225600.Lw.AAAA",
				"read.-1.Lw." + "A".repeat(43), "read.1767225600.L w." + "A".repeat(43) }) {
			assertThatExceptionOfType(InvalidShareLinkException.class).as(token)
				.isThrownBy(() -> this.tokens.verify(token, NOW));
		}
	}

	@Test
	void aLinkWorksUntilItsExpiryAndIsThenRefusedAsExpired() throws Exception {
		String token = this.tokens.sign(new ShareGrant(RemotePath.ofDecoded("/a.txt"), ShareGrant.Access.READ, EXPIRES));
		assertThat(this.tokens.verify(token, EXPIRES.minusSeconds(1)).expiresAt()).isEqualTo(EXPIRES);
		assertThatExceptionOfType(InvalidShareLinkException.class).isThrownBy(() -> this.tokens.verify(token, EXPIRES))
			.withMessage("The share link expired at 2026-12-06T05:00:00Z");
	}

	@Test
	void aSecretShorterThan32BytesIsRefusedSayingHowLongItMustBe() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokens(new byte[31]))
			.withMessageContaining("ftp-gateway.shares.secret")
			.withMessageContaining("31 bytes")
			.withMessageContaining("at least 32 bytes");
	}

	private static String join(String... parts) {
		return String.join(".", parts);
	}

	/** The signature with its first character changed. */
	private static String flipped(String signature) {
		return ((signature.charAt(0) == 'A') ? "B" : "A") + signature.substring(1);
	}

}
