package dev.ftpgateway.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

	@ParameterizedTest(name = "{0} of 1000 bytes is {1}-{2}")
	@CsvSource(delimiter = '|', textBlock = """
			bytes=0-99        | 0   | 99
			bytes=100-        | 100 | 999
			bytes=-10         | 990 | 999
			bytes=-5000       | 0   | 999
			bytes=900-5000    | 900 | 999
			bytes=999-999     | 999 | 999
			BYTES = 5 - 6     | 5   | 6
			""")
	void satisfiableRangesAreClampedToTheFile(String header, long first, long last) {
		ByteRange range = ByteRange.parse(header, 1000).orElseThrow();
		assertThat(range.first()).isEqualTo(first);
		assertThat(range.last()).isEqualTo(last);
		assertThat(range.length()).isEqualTo(last - first + 1);
		assertThat(range.contentRange()).isEqualTo("bytes " + first + "-" + last + "/1000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999-" })
	void rangesNoByteSatisfiesAreRefused(String header) {
		assertThatThrownBy(() -> ByteRange.parse(header, 1000)).isInstanceOf(RangeNotSatisfiableException.class)
			.extracting("fileLength")
			.isEqualTo(1000L);
	}

	@Test
	void anEmptyFileSatisfiesNoRange() {
		assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(RangeNotSatisfiableException.class);
		assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(RangeNotSatisfiableException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bytes=", "bytes=-", "bytes=5-1", "items=0-1", "bytes=0-1,5-6", "bytes=a-b" })
	void headersWeDoNotHonourMeanTheWholeFile(String header) {
		assertThat(ByteRange.parse(header, 1000)).isEmpty();
	}

	@Test
	void noHeaderMeansTheWholeFile() {
		assertThat(ByteRange.parse(null, 1000)).isEmpty();
	}

	@Test
	void onlyRangesEndingEarlyNeedTheTransferCutShort() {
		assertThat(ByteRange.parse("bytes=0-99", 1000).orElseThrow().endsBeforeEndOfFile()).isTrue();
		assertThat(ByteRange.parse("bytes=100-", 1000).orElseThrow().endsBeforeEndOfFile()).isFalse();
		assertThat(ByteRange.parse("bytes=-1", 1000).orElseThrow().endsBeforeEndOfFile()).isFalse();
	}

}
