package dev.ftpgateway.web.form;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ftpgateway.web.transfer.IncompleteUploadException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MultipartStreamTest {

	private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

	@Test
	void partsComeWithTheirNamesAndExactBytes() throws IOException {
		byte[] binary = new byte[200_000];
		new Random(7).nextBytes(binary);
		byte[] body = form(part("note", null, "text field".getBytes(StandardCharsets.UTF_8)),
				part("file", "\u00e9t\u00e9 \ud83d\ude00.bin", binary), part("file", "empty.txt", new byte[0]));
		List<Received> parts = readAll(new ByteArrayInputStream(body));
		assertThat(parts).extracting(Received::fieldName).containsExactly("note", "file", "file");
		assertThat(parts).extracting(Received::fileName).containsExactly(null, "\u00e9t\u00e9 \ud83d\ude00.bin", "empty.txt");
		assertThat(parts.get(0).content()).isEqualTo("text field".getBytes(StandardCharsets.UTF_8));
		assertThat(parts.get(1).content()).isEqualTo(binary);
		assertThat(parts.get(2).content()).isEmpty();
	}

	@Test
	void boundariesSplitAcrossReadsAreFoundOneByteAtATime() throws IOException {
		// Bytes that look like the start of the delimiter inside the content, too.
		byte[] tricky = ("line\r\n--" + BOUNDARY.substring(0, 10) + "\r\n-\r\n--").getBytes(StandardCharsets.ISO_8859_1);
		byte[] body = form(part("file", "a.txt", tricky), part("file", "b.txt", "second".getBytes(StandardCharsets.UTF_8)));
		List<Received> parts = readAll(new OneByteAtATime(new ByteArrayInputStream(body)));
		assertThat(parts.get(0).content()).isEqualTo(tricky);
		assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("second");
	}

	@Test
	void preambleAndEpilogueAreIgnoredAndUnreadPartsSkipped() throws IOException {
		String raw = "preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskipped\r\n--"
				+ BOUNDARY + "  \r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.txt\"\r\n\r\nkept\r\n--"
				+ BOUNDARY + "--\r\nepilogue";
		MultipartStream stream = new MultipartStream(stream(raw), BOUNDARY);
		assertThat(stream.next().fieldName()).isEqualTo("a");
		MultipartStream.Part b = stream.next();
		assertThat(b.fileName()).isEqualTo("b.txt");
		assertThat(new String(b.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
		assertThat(stream.next()).isNull();
		assertThat(stream.next()).isNull();
	}

	@Test
	void fileNamesAreReadAsBrowsersAndRfc5987WriteThem() throws IOException {
		assertThat(fileNameOf("form-data; name=\"f\"; filename=\"say %22hi%22; ok.txt\"")).isEqualTo("say \"hi\"; ok.txt");
		assertThat(fileNameOf("form-data; name=\"f\"; filename=\"quoted \\\"pair\\\".txt\"")).isEqualTo("quoted \"pair\".txt");
		assertThat(fileNameOf("form-data; name=\"f\"; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rate.txt"))
			.isEqualTo("\u20ac rate.txt");
		assertThat(fileNameOf("form-data; name=\"f\"; filename=\" lead.txt\"")).isEqualTo(" lead.txt");
		assertThat(fileNameOf("form-data; name=\"f\"")).isNull();
	}

	@Test
	void aBodyThatEndsBeforeItsClosingBoundaryIsIncomplete() throws IOException {
		String raw = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\ncut off";
		MultipartStream stream = new MultipartStream(stream(raw), BOUNDARY);
		MultipartStream.Part part = stream.next();
		assertThatExceptionOfType(IncompleteUploadException.class).isThrownBy(() -> part.body().readAllBytes());
		assertThatExceptionOfType(IncompleteUploadException.class)
			.isThrownBy(() -> new MultipartStream(stream("no boundary at all"), BOUNDARY).next());
		assertThatExceptionOfType(IncompleteUploadException.class)
			.isThrownBy(() -> new MultipartStream(stream("--" + BOUNDARY + "\r\nheader without end"), BOUNDARY).next());
	}

	private static String fileNameOf(String contentDisposition) throws IOException {
		String raw = "--" + BOUNDARY + "\r\nContent-Disposition: " + contentDisposition + "\r\n\r\nx\r\n--" + BOUNDARY + "--";
		return new MultipartStream(stream(raw), BOUNDARY).next().fileName();
	}

	private static InputStream stream(String raw) {
		return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
	}

	private static List<Received> readAll(InputStream in) throws IOException {
		MultipartStream stream = new MultipartStream(in, BOUNDARY);
		List<Received> parts = new ArrayList<>();
		MultipartStream.Part part;
		while ((part = stream.next()) != null) {
			parts.add(new Received(part.fieldName(), part.fileName(), part.body().readAllBytes()));
		}
		return parts;
	}

	private static byte[] part(String field, String fileName, byte[] content) {
		String headers = "Content-Disposition: form-data; name=\"" + field + "\""
				+ ((fileName != null) ? "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream" : "")
				+ "\r\n\r\n";
		byte[] head = ("--" + BOUNDARY + "\r\n" + headers).getBytes(StandardCharsets.UTF_8);
		byte[] tail = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
		byte[] part = Arrays.copyOf(head, head.length + content.length + tail.length);
		System.arraycopy(content, 0, part, head.length, content.length);
		System.arraycopy(tail, 0, part, head.length + content.length, tail.length);
		return part;
	}

	private static byte[] form(byte[]... parts) {
		byte[] end = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
		int length = end.length;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] body = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, body, at, part.length);
			at += part.length;
		}
		System.arraycopy(end, 0, body, at, end.length);
		return body;
	}

	private record Received(String fieldName, String fileName, byte[] content) {
	}

	/** Hands over at most one byte per read, as a slow client's body arrives. */
	private static final class OneByteAtATime extends FilterInputStream {

		OneByteAtATime(InputStream in) {
			super(in);
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			return super.read(b, off, Math.min(len, 1));
		}

	}

}
