package dev.ftpgateway.web.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlNegotiationTest {

	@Test
	void browsersGetPages() {
		assertThat(HtmlNegotiation.prefersHtml(
				"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")).isTrue();
		assertThat(HtmlNegotiation.prefersHtml("text/html")).isTrue();
		assertThat(HtmlNegotiation.prefersHtml("application/json;q=0.5, text/html")).isTrue();
	}

	@Test
	void everyoneElseKeepsTheApi() {
		assertThat(HtmlNegotiation.prefersHtml(null)).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("*/*")).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("application/json")).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("text/plain")).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("application/json, text/html")).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("text/html;q=0")).isFalse();
		assertThat(HtmlNegotiation.prefersHtml("not a media type;;")).isFalse();
	}

}
