package dev.ftpgateway.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local folder a newcomer's gateway serves: created with a sample file on first start. */
public final class DemoFolder {

	static final String README = """
			This folder is served by ftp-gateway's embedded FTP server, because no FTP backend
			is configured (ftp-gateway.server.host, or FTP_GATEWAY_SERVER_HOST, is not set).

			Try:
			  curl http://localhost:8080/files/
			  curl http://localhost:8080/files/README.txt
			  curl -T some-file http://localhost:8080/files/some-file

			Set ftp-gateway.server.host to front a real FTP server instead.
			""";

	private DemoFolder() {
	}

	/**
	 * Creates the folder and a README.txt in it if the folder does not exist yet; an
	 * existing folder is left exactly as it is.
	 * @param folder the folder to serve
	 * @return the folder
	 * @throws IOException if it cannot be created
	 */
	public static Path prepare(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder);
			Files.writeString(folder.resolve("README.txt"), README, StandardCharsets.UTF_8);
		}
		return folder;
	}

}
