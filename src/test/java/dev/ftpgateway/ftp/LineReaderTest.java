package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LineReaderTest {

	@Test
	void linesEndAtLfOrCrLfAndTheLastMayHaveNoLineEnd() throws IOException {
		LineReader reader = new LineReader(stream("one\r\ntwo\n\r\nlast"), 100);
		assertThat(lines(reader)).containsExactly("one", "two", "", "last");
	}

	@Test
	void theEndOfTheStreamReadsAsNullAgainAndAgain() throws IOException {
		LineReader reader = new LineReader(stream("only\n"), 100);
		assertThat(reader.readLine()).isEqualTo(bytes("only"));
		assertThat(reader.readLine()).isNull();
		assertThat(reader.readLine()).isNull();
	}

	@Test
	void theStreamIsReadInBlocksNeverAByteAtATime() throws IOException {
		InputStream blocksOnly = new InputStream() {

			private final InputStream in = stream("220-first\r\n220 second\r\n");

			@Override
			public int read() {
				throw new AssertionError("read a single byte");
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				return this.in.read(b, off, len);
			}

		};
		assertThat(lines(new LineReader(blocksOnly, 100))).containsExactly("220-first", "220 second");
	}

	@Test
	void linesAreTheSameWhereverTheInputIsSplit() throws IOException {
		String longLine = "x".repeat(20_000);
		byte[] wire = ("caf\u00e9 \u65e5\u672c\r\n" + longLine + "\r\nend\n").getBytes(StandardCharsets.UTF_8);
		for (int split : new int[] { 0, 1, 5, 9, 10, 11, 8191, 8192, 8193, 20_010, 20_011, 20_012, wire.length }) {
			InputStream chunked = new SequenceInputStream(new ByteArrayInputStream(wire, 0, split),
					new ByteArrayInputStream(wire, split, wire.length - split));
			assertThat(lines(new LineReader(chunked, 30_000))).as("split at byte %d", split)
				.containsExactly("caf\u00e9 \u65e5\u672c", longLine, "end");
		}
		assertThat(lines(new LineReader(new OneByteAtATime(stream("a\r\nbc\r\n")), 100))).containsExactly("a", "bc");
	}

	@Test
	void aLineInterruptedByAReadTimeoutIsCompletedByTheNextCall() throws IOException {
		Deque<Object> script = new ArrayDeque<>(List.of("213 20", new SocketTimeoutException("slow"), "260101\r\n"));
		InputStream stalling = new InputStream() {

			@Override
			public int read() {
				throw new AssertionError("read a single byte");
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				Object next = script.poll();
				if (next == null) {
					return -1;
				}
				if (next instanceof IOException ex) {
					throw ex;
				}
				byte[] chunk = bytes((String) next);
				System.arraycopy(chunk, 0, b, off, chunk.length);
				return chunk.length;
			}

		};
		LineReader reader = new LineReader(stalling, 100);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(reader::readLine);
		assertThat(reader.readLine()).isEqualTo(bytes("213 20260101"));
	}

	@Test
	void aLineAtTheCapPassesAndOneByteMoreFailsWhereverTheInputIsSplit() throws IOException {
		String atCap = "y".repeat(10_000);
		assertThat(lines(new LineReader(new OneByteAtATime(stream(atCap + "\r\n")), 10_000))).containsExactly(atCap);
		assertThat(lines(new LineReader(stream(atCap + "\r\n"), 10_000))).containsExactly(atCap);
		assertThatExceptionOfType(FtpProtocolException.class)
			.isThrownBy(() -> new LineReader(stream(atCap + "y\r\n"), 10_000).readLine());
		assertThatExceptionOfType(FtpProtocolException.class)
			.isThrownBy(() -> new LineReader(new OneByteAtATime(stream(atCap + "y\r\n")), 10_000).readLine());
	}

	@Test
	void anEndlessLineFailsWithoutWaitingForItsEnd() {
		InputStream endless = new InputStream() {

			@Override
			public int read() {
				return 'z';
			}

			@Override
			public int read(byte[] b, int off, int len) {
				Arrays.fill(b, off, off + len, (byte) 'z');
				return len;
			}

		};
		assertThatExceptionOfType(FtpProtocolException.class)
			.isThrownBy(() -> new LineReader(endless, ReplyReader.MAX_LINE_BYTES).readLine());
	}

	private static List<String> lines(LineReader reader) throws IOException {
		List<String> lines = new ArrayList<>();
		byte[] line;
		while ((line = reader.readLine()) != null) {
			lines.add(new String(line, StandardCharsets.UTF_8));
		}
		return lines;
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
