package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ftpgateway.FtpGatewayApplication;
import dev.ftpgateway.testing.ScriptedFtpServer;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A folder archive whose second file cannot be read, in front of the scripted fake server. */
class ArchiveFailureIT {

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void aFailureAfterTheFirstByteCutsTheConnectionInsteadOfEndingTheArchive() throws Exception {
		byte[] content = new byte[300_000];
		new Random(9).nextBytes(content);
		String file = "type=file;size=" + content.length + ";modify=" + ScriptedFtpServer.MODIFIED + "; ";
		try (ScriptedFtpServer server = new ScriptedFtpServer()) {
			// vanished.bin is listed but gone when its turn comes: RETR answers 550.
			server.putFile("/t/first.bin", content)
				.reply("MLST", "250-Listing\n type=dir;modify=" + ScriptedFtpServer.MODIFIED + "; /t\n250 End")
				.setListing("MLSD", "/t", List.of(file + "first.bin", file + "vanished.bin"))
				.setListing("LIST", "/t", List.of());
			try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(FtpGatewayApplication.class).run(
					"--server.port=0", "--server.address=127.0.0.1", "--ftp-gateway.server.host=127.0.0.1",
					"--ftp-gateway.server.port=" + server.port(), "--ftp-gateway.server.user=user",
					"--ftp-gateway.server.password=pw", "--ftp-gateway.pool.max-total=1")) {
				int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				URI archive = URI.create("http://127.0.0.1:" + port + "/files/t/?archive=zip");
				HttpRequest request = HttpRequest.newBuilder(archive).timeout(Duration.ofSeconds(30)).build();
				HttpClient client = HttpClient.newHttpClient();
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
			}
		}
	}

}
