package dev.ftpgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives {@link ScriptedFtpServer} with a bare socket, so these tests do not depend on the
 * project's FTP client.
 */
class ScriptedFtpServerTest {

	private final ScriptedFtpServer server = newServer();

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void greetsEveryConnectionWithTheWelcome() throws IOException {
		this.server.welcome("220-first line\n220 ready");
		try (RawClient client = connect()) {
			assertEquals(List.of("220-first line", "220 ready"), client.readReply());
		}
	}

	@Test
	void answersCommonVerbsWithDefaults() throws IOException {
		try (RawClient client = connect()) {
			client.readReply();
			assertEquals("331 Password required for alice", client.command("USER alice").get(0));
			assertEquals("230 Logged in", client.command("PASS secret").get(0));
			assertEquals("257 \"/\" is the current directory", client.command("PWD").get(0));
			assertEquals("502 Command not implemented", client.command("XYZZY").get(0));
			List<String> features = client.command("FEAT");
			assertEquals("211-Features:", features.get(0));
			assertTrue(features.contains(" REST STREAM"));
		}
	}

	@Test
	void nextReplyAnswersOnlyTheNextCommand() throws IOException {
		this.server.nextReply("500 garbage for you");
		try (RawClient client = connect()) {
			client.readReply();
			assertEquals("500 garbage for you", client.command("NOOP").get(0));
			assertEquals("200 NOOP ok", client.command("NOOP").get(0));
		}
	}

	@Test
	void replyOverridesAVerbForEveryLaterCommand() throws IOException {
		this.server.reply("TYPE", "504 Not today");
		try (RawClient client = connect()) {
			client.readReply();
			assertEquals("504 Not today", client.command("TYPE I").get(0));
			assertEquals("504 Not today", client.command("TYPE A").get(0));
			assertEquals("400 echoed", client.command("ECHO 400 echoed").get(0));
		}
	}

	@Test
	void retrievesAFileOverPassiveModeFromTheRestOffset() throws IOException {
		this.server.putFile("/dir/a.txt", bytes("hello world"));
		try (RawClient client = connect()) {
			client.readReply();
			client.command("CWD dir");
			assertEquals("350 Restarting at 6", client.command("REST 6").get(0));
			try (Socket data = client.openPassive()) {
				assertEquals("150 Opening BINARY mode data connection for a.txt (5 bytes)",
						client.command("RETR a.txt").get(0));
				assertEquals("world", new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			assertEquals("226 Transfer complete", client.readReply().get(0));
		}
	}

	@Test
	void storesAnUploadInMemory() throws IOException {
		try (RawClient client = connect()) {
			client.readReply();
			try (Socket data = client.openPassive()) {
				assertEquals("150 Ok to send data", client.command("STOR up.bin").get(0));
				data.getOutputStream().write(bytes("uploaded"));
			}
			assertEquals("226 Transfer complete", client.readReply().get(0));
		}
		assertArrayEquals(bytes("uploaded"), this.server.file("/up.bin"));
		assertNull(this.server.file("/missing"));
	}

	@Test
	void connectsToThePortAddressInActiveMode() throws IOException {
		this.server.setListing("NLST", List.of("one", "two"));
		try (RawClient client = connect(); ServerSocket listener = new ServerSocket(0, 1, loopback())) {
			client.readReply();
			int port = listener.getLocalPort();
			assertEquals("200 PORT command successful",
					client.command("PORT 127,0,0,1," + (port >> 8) + "," + (port & 0xFF)).get(0));
			client.command("NLST");
			listener.setSoTimeout(5_000);
			try (Socket data = listener.accept()) {
				assertEquals("one\r\ntwo\r\n", new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			assertEquals("226 Transfer complete", client.readReply().get(0));
		}
	}

	@Test
	void recordsCommandsInOrderWithTheirRawBytes() throws IOException {
		try (RawClient client = connect()) {
			client.readReply();
			client.command("NOOP");
			client.send(new byte[] { (byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2 });
			client.command("ABOR");
		}
		assertEquals("NOOP", this.server.takeCommand());
		ReceivedCommand abort = this.server.takeReceivedCommand(Duration.ofSeconds(5));
		assertEquals("ABOR", abort.line());
		assertTrue(abort.rawStartsWith(0xFF, 0xF4, 0xFF, 0xF2));
		assertEquals(List.of("NOOP", "ABOR"), this.server.commands());
		assertThrows(AssertionError.class, () -> this.server.takeCommand(Duration.ofMillis(50)));
	}

	@Test
	void rejectsOnlyTheNextConnectionAndServesTheOneAfter() throws IOException {
		this.server.rejectNextConnection("421 Too many users");
		try (RawClient client = connect()) {
			assertEquals("421 Too many users", client.readReply().get(0));
			assertEquals(-1, client.input.read());
		}
		try (RawClient client = connect()) {
			assertEquals("220 scripted ready", client.readReply().get(0));
		}
		assertEquals(2, this.server.connectionCount());
	}

	@Test
	void dropsTheControlConnectionWithoutReplying() throws IOException {
		this.server.dropControlOn("PASS");
		try (RawClient client = connect()) {
			client.readReply();
			client.command("USER alice");
			client.send(bytes("PASS secret\r\n"));
			assertEquals(-1, client.input.read());
		}
	}

	@Test
	void dropsTheDataConnectionPartWayThroughARetrieval() throws IOException {
		this.server.putFile("big", new byte[1000]).dropDataAfter(100, "426 Connection lost");
		try (RawClient client = connect()) {
			client.readReply();
			try (Socket data = client.openPassive()) {
				client.command("RETR big");
				assertEquals(100, data.getInputStream().readAllBytes().length);
			}
			assertEquals("426 Connection lost", client.readReply().get(0));
		}
	}

	@Test
	void abortsAStalledTransferWith426Then226() throws IOException {
		this.server.putFile("slow", new byte[10]).stallDataAfter(5, Duration.ofSeconds(30));
		try (RawClient client = connect()) {
			client.readReply();
			try (Socket data = client.openPassive()) {
				client.command("RETR slow");
				data.getInputStream().readNBytes(5);
				assertEquals("426 Transfer aborted", client.command("ABOR").get(0));
				assertEquals("226 Abort successful", client.readReply().get(0));
			}
		}
	}

	@Test
	void advertisesAnotherLoopbackHostWhileListeningOn127001() throws IOException {
		this.server.advertisedHost("127.0.0.2");
		try (RawClient client = connect()) {
			client.readReply();
			String reply = client.command("PASV").get(0);
			assertTrue(reply.startsWith("227 Entering Passive Mode (127,0,0,2,"), reply);
			try (Socket data = new Socket(loopback(), passivePort(reply))) {
				client.command("LIST");
			}
			assertEquals("226 Transfer complete", client.readReply().get(0));
		}
	}

	private static ScriptedFtpServer newServer() {
		try {
			return new ScriptedFtpServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RawClient connect() throws IOException {
		return new RawClient(new Socket(this.server.host(), this.server.port()));
	}

	private static InetAddress loopback() throws IOException {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int passivePort(String reply) {
		Matcher matcher = Pattern.compile("(\\d+),(\\d+)\\)").matcher(reply);
		assertTrue(matcher.find(), reply);
		return Integer.parseInt(matcher.group(1)) << 8 | Integer.parseInt(matcher.group(2));
	}

	/** The least FTP client that can read replies: lines in, lines out, with a timeout. */
	private static final class RawClient implements AutoCloseable {

		private final Socket socket;

		private final InputStream input;

		private final OutputStream output;

		RawClient(Socket socket) throws IOException {
			this.socket = socket;
			socket.setSoTimeout(5_000);
			this.input = socket.getInputStream();
			this.output = socket.getOutputStream();
		}

		List<String> command(String line) throws IOException {
			send(bytes(line + "\r\n"));
			return readReply();
		}

		void send(byte[] raw) throws IOException {
			this.output.write(raw);
			this.output.flush();
		}

		Socket openPassive() throws IOException {
			return new Socket(loopback(), passivePort(command("PASV").get(0)));
		}

		// A multi-line reply ends at the line starting with its code and a space.
		List<String> readReply() throws IOException {
			String first = readLine();
			List<String> lines = new ArrayList<>(List.of(first));
			if (first.length() > 3 && first.charAt(3) == '-') {
				String end = first.substring(0, 3) + " ";
				String line;
				do {
					line = readLine();
					lines.add(line);
				}
				while (!line.startsWith(end));
			}
			return lines;
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.input.read()) != '\n') {
				if (b < 0) {
					throw new IOException("connection closed mid-reply");
				}
				line.write(b);
			}
			String text = line.toString(StandardCharsets.UTF_8);
			return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
