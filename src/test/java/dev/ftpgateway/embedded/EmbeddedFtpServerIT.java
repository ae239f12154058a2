package dev.ftpgateway.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the embedded server with a raw socket, so it is tested without our own client. */
class EmbeddedFtpServerIT {

	@RegisterExtension
	final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension().withAnonymousReadOnly();

	@Test
	void userLogsInWithItsPassword() throws IOException {
		try (RawControl control = new RawControl(this.ftp.host(), this.ftp.port())) {
			assertThat(control.reply()).startsWith("220");
			assertThat(control.send("USER " + this.ftp.user())).startsWith("331");
			assertThat(control.send("PASS " + this.ftp.password())).startsWith("230");
		}
	}

	@Test
	void wrongPasswordIsRefused() throws IOException {
		try (RawControl control = new RawControl(this.ftp.host(), this.ftp.port())) {
			control.reply();
			control.send("USER " + this.ftp.user());
			assertThat(control.send("PASS wrong")).startsWith("530");
		}
	}

	@Test
	void userMayWriteIntoHome() throws IOException {
		try (RawControl control = loggedIn(this.ftp.user(), this.ftp.password())) {
			assertThat(control.send("MKD made")).startsWith("257");
		}
		assertThat(this.ftp.home().resolve("made")).isDirectory();
	}

	@Test
	void anonymousMayReadButNotWrite() throws IOException {
		Files.writeString(this.ftp.home().resolve("hello.txt"), "hello");
		try (RawControl control = loggedIn("anonymous", "guest@example.org")) {
			assertThat(control.send("SIZE hello.txt")).isEqualTo("213 5");
			assertThat(control.send("MKD nope")).startsWith("550");
		}
	}

	@Test
	void restartKeepsTheEphemeralPort() throws IOException {
		EmbeddedFtpServer server = this.ftp.server();
		int port = server.port();
		assertThat(port).isPositive();
		server.stop();
		server.start();
		assertThat(server.port()).isEqualTo(port);
		try (RawControl control = new RawControl(server.host(), port)) {
			assertThat(control.reply()).startsWith("220");
		}
	}

	@Test
	void closeSessionsDropsOpenControlConnections() throws IOException {
		try (RawControl control = loggedIn(this.ftp.user(), this.ftp.password())) {
			this.ftp.server().closeSessions();
			assertThat(control.readLineOrNull()).isNull();
		}
	}

	@Test
	void homeFolderIsCreatedWhenMissing(@TempDir Path temp) {
		Path home = temp.resolve("not/yet");
		try (EmbeddedFtpServer server = new EmbeddedFtpServer(home, "u", "p").listenOn("127.0.0.1", 0).start()) {
			assertThat(home).isDirectory();
			assertThat(server.isRunning()).isTrue();
		}
	}

	private RawControl loggedIn(String user, String password) throws IOException {
		RawControl control = new RawControl(this.ftp.host(), this.ftp.port());
		control.reply();
		control.send("USER " + user);
		assertThat(control.send("PASS " + password)).startsWith("230");
		return control;
	}

	/** Just enough of a control connection to send a command and read a single-line reply. */
	private static final class RawControl implements AutoCloseable {

		private final Socket socket = new Socket();

		private final BufferedReader in;

		private final OutputStream out;

		RawControl(String host, int port) throws IOException {
			this.socket.connect(new InetSocketAddress(host, port), 5000);
			this.socket.setSoTimeout(5000);
			this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.out = this.socket.getOutputStream();
		}

		String send(String command) throws IOException {
			this.out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
			return reply();
		}

		/** Reads to the last line of a reply: the one whose fourth character is a space. */
		String reply() throws IOException {
			String line = this.in.readLine();
			while (line != null && !(line.length() >= 4 && line.charAt(3) == ' ')) {
				line = this.in.readLine();
			}
			return line;
		}

		String readLineOrNull() throws IOException {
			return this.in.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
