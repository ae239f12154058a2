package dev.ftpgateway.web.page;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

	@Test
	void markupCharactersBecomeCharacterReferences() {
		assertThat(Html.escape("<script>alert('x' & \"y\")</script>"))
			.isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
	}

	@Test
	void textWithoutMarkupCharactersIsReturnedAsItIs() {
		String name = "plain name \u00fc\u65e5\ud83d\ude00.txt";
		assertThat(Html.escape(name)).isSameAs(name);
	}

	@Test
	void anAlreadyEscapedReferenceIsEscapedOnceMore() {
		assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
	}

}
