package dev.ftpgateway.ftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.ftpgateway.embedded.EmbeddedFtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Over IPv6 there is no PASV or PORT: data connections must use EPSV and EPRT (RFC 2428). */
class FtpClientIpv6IT {

	@Test
	void transfersWorkOverIpv6LoopbackInPassiveAndActiveMode(@TempDir Path home) throws IOException {
		Files.writeString(home.resolve("hello.txt"), "hello over IPv6");
		try (EmbeddedFtpServer server = new EmbeddedFtpServer(home, "u", "p").listenOn("::1", 0).start();
				FtpClient ftp = new FtpClient()) {
			ftp.connect("::1", server.port(), Duration.ofSeconds(10));
			ftp.login("u", "p");
			for (boolean passive : new boolean[] { true, false }) {
				ftp.settings().setPassive(passive);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				ftp.retrieveBinary("RETR /hello.txt", out::write);
				assertThat(out.toString()).isEqualTo("hello over IPv6");
			}
		}
	}

}
