package dev.ftpgateway.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogFilterTest {

	@Test
	void credentialLikeParametersAreRedacted() {
		assertThat(AccessLogFilter.redact("api_key=k1&moveTo=/a.txt&access_token=t1&X-Amz-Signature=s&password=p"))
			.isEqualTo("api_key=***&moveTo=/a.txt&access_token=***&X-Amz-Signature=***&password=***");
	}

	@Test
	void shareLinksAreRedacted() {
		assertThat(AccessLogFilter.redact("share=read.1767225600.L2EudHh0.c2ln&download=true"))
			.isEqualTo("share=***&download=true");
	}

	@Test
	void encodedNamesAreRedactedToo() {
		assertThat(AccessLogFilter.redact("api%5Fkey=k1&%41PIKEY=k2&bad%zzname=x")).isEqualTo("api%5Fkey=***&%41PIKEY=***&bad%zzname=***");
	}

	@Test
	void otherParametersAreLoggedAsSent() {
		assertThat(AccessLogFilter.redact("moveTo=%2Fx%20y&mkdirs=true&recursive")).isEqualTo("moveTo=%2Fx%20y&mkdirs=true&recursive");
	}

}
