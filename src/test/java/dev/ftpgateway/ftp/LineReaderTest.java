package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Checks {@link LineReader}'s framing where lines cross the blocks it reads ahead. */
class LineReaderTest {

	@Test
	void linesCrossingBlockBoundariesComeOutWhole() throws IOException {
		List<String> expected = new ArrayList<>();
		StringBuilder wire = new StringBuilder();
		for (int i = 0; i < 3000; i++) {
			String line = "line " + i + " " + "x".repeat(i % 37);
			expected.add(line);
			wire.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
		}
		assertThat(readAll(new LineReader(trickling(wire.toString(), 7), 100))).isEqualTo(expected);
		assertThat(readAll(new LineReader(stream(wire.toString()), 100))).isEqualTo(expected);
	}

	@Test
	void aCarriageReturnAndLineFeedInDifferentReadsEndOneLine() throws IOException {
		InputStream in = new ChunkedInputStream(List.of("first\r".getBytes(StandardCharsets.US_ASCII),
				"\nsecond\r\n".getBytes(StandardCharsets.US_ASCII)));
		assertThat(readAll(new LineReader(in, 100))).containsExactly("first", "second");
	}

	@Test
	void aLineInterruptedByAReadTimeoutIsCompletedByTheNextCall() throws IOException {
		InputStream in = new ChunkedInputStream(Arrays.asList("hal".getBytes(StandardCharsets.US_ASCII), null,
				"f\r\nnext\r\n".getBytes(StandardCharsets.US_ASCII)));
		LineReader reader = new LineReader(in, 100);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(reader::readLine);
		assertThat(readAll(reader)).containsExactly("half", "next");
	}

	@Test
	void aLastLineWithoutLineEndIsReturnedAsItIs() throws IOException {
		assertThat(readAll(new LineReader(stream("a\nb"), 100))).containsExactly("a", "b");
	}

	@Test
	void aLineAtTheCapPassesAndOneByteMoreIsRefused() throws IOException {
		String atCap = "y".repeat(10000);
		assertThat(readAll(new LineReader(trickling(atCap + "\r\n", 4096), 10000))).containsExactly(atCap);
		assertThatExceptionOfType(FtpProtocolException.class)
			.isThrownBy(() -> readAll(new LineReader(stream(atCap + "z\r\n"), 10000)));
		assertThatExceptionOfType(FtpProtocolException.class)
			.isThrownBy(() -> readAll(new LineReader(trickling(atCap + "zz\r\n", 4096), 10000)));
	}

	private static List<String> readAll(LineReader reader) throws IOException {
		List<String> lines = new ArrayList<>();
		byte[] line;
		while ((line = reader.readLine()) != null) {
			lines.add(new String(line, StandardCharsets.UTF_8));
		}
		return lines;
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	/** At most {@code most} bytes per read, as a slow data connection delivers them. */
	private static InputStream trickling(String text, int most) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, most));
			}

		};
	}

	/** One read per chunk; a null chunk is a read timeout. */
	private static final class ChunkedInputStream extends InputStream {

		private final List<byte[]> chunks;

		private int next;

		ChunkedInputStream(List<byte[]> chunks) {
			this.chunks = new ArrayList<>(chunks);
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException("LineReader reads in blocks");
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (this.next == this.chunks.size()) {
				return -1;
			}
			byte[] chunk = this.chunks.get(this.next++);
			if (chunk == null) {
				throw new SocketTimeoutException("Read timed out");
			}
			System.arraycopy(chunk, 0, b, off, chunk.length);
			return chunk.length;
		}

	}

}
