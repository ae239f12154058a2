package dev.ftpgateway.ftp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReplyReaderTest {

	private static final NameCodec UTF_8 = NameCodec.of(StandardCharsets.UTF_8);

	@Test
	void singleLineReplyIsReadWithItsCode() throws IOException {
		Reply reply = read("220 Service ready\r\n");
		assertThat(reply.code()).isEqualTo(220);
		assertThat(reply.text()).isEqualTo("220 Service ready");
	}

	@Test
	void multiLineReplyEndsOnlyAtLineWithSameCodeAndSpace() throws IOException {
		String wire = "211-Features:\r\n" + " MDTM\r\n" + "211-still going\r\n" + "200 another code inside\r\n"
				+ "211x not the end either\r\n" + "211 End\r\n" + "200 next reply\r\n";
		ReplyReader reader = reader(wire);
		Reply reply = reader.read();
		assertThat(reply.code()).isEqualTo(211);
		assertThat(reply.lines()).containsExactly("211-Features:", " MDTM", "211-still going",
				"200 another code inside", "211x not the end either", "211 End");
		assertThat(reader.read().code()).isEqualTo(200);
	}

	@Test
	void lastLineMayBeTheBareCode() throws IOException {
		assertThat(read("250-first\r\n250\r\n").lines()).containsExactly("250-first", "250");
	}

	@Test
	void bareLineFeedEndsALineToo() throws IOException {
		assertThat(read("226 done\n").text()).isEqualTo("226 done");
	}

	@Test
	void replyIsTheSameWhereverTheInputIsSplit() throws IOException {
		byte[] wire = "230-Welcome, caf\u00e9 \u65e5\u672c\r\n other line\r\n230 Logged in\r\n"
			.getBytes(StandardCharsets.UTF_8);
		Reply whole = new ReplyReader(new ByteArrayInputStream(wire), UTF_8, new DialogueLog()).read();
		for (int split = 0; split <= wire.length; split++) {
			InputStream chunked = new SequenceInputStream(new ByteArrayInputStream(wire, 0, split),
					new ByteArrayInputStream(wire, split, wire.length - split));
			Reply reply = new ReplyReader(new OneByteAtATime(chunked), UTF_8, new DialogueLog()).read();
			assertThat(reply).as("split at byte %d", split).isEqualTo(whole);
		}
		assertThat(whole.lines().get(0)).isEqualTo("230-Welcome, caf\u00e9 \u65e5\u672c");
	}

	@Test
	void replyInterruptedByAReadTimeoutIsCompletedByTheNextRead() throws IOException {
		byte[] wire = "211-Features:\r\n MDTM\r\n211 End\r\n".getBytes(StandardCharsets.US_ASCII);
		int pause = "211-Features:\r\n MD".length();
		InputStream pausing = new InputStream() {
			private int position;

			private boolean paused;

			@Override
			public int read() throws IOException {
				if (this.position == pause && !this.paused) {
					this.paused = true;
					throw new java.net.SocketTimeoutException("Read timed out");
				}
				return (this.position < wire.length) ? wire[this.position++] : -1;
			}

			// Like a socket: a block read returns what has arrived, and times out only when nothing has.
			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				int end = (this.paused || this.position > pause) ? wire.length : pause;
				if (this.position == end && end == pause) {
					return read();
				}
				int count = Math.min(len, end - this.position);
				if (count <= 0) {
					return -1;
				}
				System.arraycopy(wire, this.position, b, off, count);
				this.position += count;
				return count;
			}
		};
		ReplyReader reader = new ReplyReader(pausing, NameCodec.of(StandardCharsets.US_ASCII), new DialogueLog());
		assertThatExceptionOfType(java.net.SocketTimeoutException.class).isThrownBy(reader::read);
		assertThat(reader.read().lines()).containsExactly("211-Features:", " MDTM", "211 End");
	}

	@ParameterizedTest
	@ValueSource(strings = { "600 out of range\r\n", "000 zero\r\n", "hello\r\n", "22 short\r\n", "2x0 letters\r\n",
			"220_bad separator\r\n", "\r\n" })
	void lineThatIsNotAReplyIsAProtocolError(String wire) {
		assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> read(wire))
			.withMessageContaining("Invalid reply line");
	}

	@Test
	void lineLongerThanEightKibibytesIsAProtocolError() {
		String wire = "220 " + "x".repeat(ReplyReader.MAX_LINE_BYTES) + "\r\n";
		assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> read(wire))
			.withMessageContaining("longer than");
	}

	@Test
	void lineOfExactlyTheLimitIsAccepted() throws IOException {
		String line = "220 " + "x".repeat(ReplyReader.MAX_LINE_BYTES - 4);
		assertThat(read(line + "\r\n").text()).isEqualTo(line);
	}

	@Test
	void replyThatNeverEndsIsAProtocolErrorNotAnEndlessRead() {
		InputStream endless = new InputStream() {
			private final byte[] line = "220-more\r\n".getBytes(StandardCharsets.US_ASCII);

			private long position;

			@Override
			public int read() {
				return this.line[(int) (this.position++ % this.line.length)];
			}
		};
		ReplyReader reader = new ReplyReader(endless, UTF_8, new DialogueLog());
		assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(reader::read)
			.withMessageContaining(ReplyReader.MAX_REPLY_LINES + " lines");
	}

	@Test
	void connectionClosedInsideAMultiLineReplyIsAnEndOfFile() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> read("211-Features:\r\n MDTM\r\n"));
	}

	@Test
	void connectionClosedBeforeAnyReplyIsAnEndOfFile() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> read(""));
	}

	@Test
	void replyKnowsItsKind() throws IOException {
		assertThat(read("150 opening\r\n").isPreliminary()).isTrue();
		assertThat(read("226 ok\r\n").isPositiveCompletion()).isTrue();
		assertThat(read("350 more\r\n").isIntermediate()).isTrue();
		assertThat(new Reply(550, List.of("550 no")).kind()).isEqualTo(5);
	}

	private static Reply read(String wire) throws IOException {
		return reader(wire).read();
	}

	private static ReplyReader reader(String wire) {
		return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), UTF_8, new DialogueLog());
	}

}
