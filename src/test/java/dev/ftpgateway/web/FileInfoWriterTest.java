package dev.ftpgateway.web;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that {@link FileInfoWriter} writes entries exactly as the JSON mapper writes the record. */
class FileInfoWriterTest {

	private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void writesEveryFieldAsTheMapperDoes() {
		assertSameAsMapper(List.of(new FileInfo("a.txt", "file", 20L, NOON, "rw-r--r--", null)));
	}

	@Test
	void writesAbsentFieldsAsNullsAsTheMapperDoes() {
		assertSameAsMapper(List.of(new FileInfo("dir", "directory", null, null, null, null)));
	}

	@Test
	void writesSymlinksQuotesAndNonAsciiNamesAsTheMapperDoes() {
		assertSameAsMapper(List.of(new FileInfo("l \"q\" \\ caf\u00e9 \ud83d\ude42", "symlink", 0L, NOON, "rwxrwxrwx",
				"/tree/\u65e5\u672c")));
	}

	@Test
	void writesFractionsOfSecondsAsTheMapperDoes() {
		assertSameAsMapper(List.of(new FileInfo("ms", "file", 1L, Instant.parse("2026-11-23T12:00:00.120Z"), null, null),
				new FileInfo("ns", "file", Long.MAX_VALUE, Instant.parse("2026-11-23T12:00:00.000000001Z"), null, null)));
	}

	@Test
	void writesEachEntrysOwnTimeWhenTimesRepeatAndChange() {
		Instant later = NOON.plusSeconds(60);
		assertSameAsMapper(List.of(new FileInfo("1", "file", 1L, NOON, null, null),
				new FileInfo("2", "file", 1L, NOON, null, null), new FileInfo("3", "file", 1L, later, null, null),
				new FileInfo("4", "file", 1L, null, null, null), new FileInfo("5", "file", 1L, NOON, null, null)));
	}

	private void assertSameAsMapper(List<FileInfo> infos) {
		StringWriter written = new StringWriter();
		try (JsonGenerator generator = this.mapper.createGenerator(written)) {
			generator.writeStartArray();
			FileInfoWriter writer = new FileInfoWriter(generator);
			infos.forEach(writer::write);
			generator.writeEndArray();
		}
		assertThat(written.toString()).isEqualTo(this.mapper.writeValueAsString(infos));
	}

}
