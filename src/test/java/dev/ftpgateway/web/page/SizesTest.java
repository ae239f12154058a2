package dev.ftpgateway.web.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTest {

	@Test
	void sizesAreShownInBinaryUnitsWithAtMostOneDecimal() {
		assertThat(Sizes.human(0)).isEqualTo("0 B");
		assertThat(Sizes.human(1023)).isEqualTo("1023 B");
		assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
		assertThat(Sizes.human(200 * 1024)).isEqualTo("200 KiB");
		assertThat(Sizes.human(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
		assertThat(Sizes.human(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
	}

}
