package dev.ftpgateway.web.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinksTest {

	@Test
	void everythingButUnreservedCharactersIsPercentEncodedAsUtf8() {
		assertThat(Links.segment("a b#c?d%e&f'g\"h<i;j:k+l")).isEqualTo(
				"a%20b%23c%3Fd%25e%26f%27g%22h%3Ci%3Bj%3Ak%2Bl");
		assertThat(Links.segment("\u00fc\ud83d\ude00")).isEqualTo("%C3%BC%F0%9F%98%80");
		assertThat(Links.segment("Az09-._~")).isEqualTo("Az09-._~");
	}

	@Test
	void aPageKnowsHowFarBelowTheRootItIs() {
		assertThat(Links.depth("/files/")).isEqualTo(1);
		assertThat(Links.depth("/files/a/b/")).isEqualTo(3);
		assertThat(Links.depth("/files/a/b.txt")).isEqualTo(2);
		assertThat(Links.up(0)).isEqualTo("./");
		assertThat(Links.up(2)).isEqualTo("../../");
	}

}
