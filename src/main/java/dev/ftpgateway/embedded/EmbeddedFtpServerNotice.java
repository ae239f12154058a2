package dev.ftpgateway.embedded;

import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells a newcomer, once the HTTP port is known, that the gateway serves a local folder
 * and how to try it.
 */
public class EmbeddedFtpServerNotice implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(EmbeddedFtpServerNotice.class);

	private final EmbeddedFtpServer server;

	private final Path folder;

	/**
	 * @param server the running embedded server
	 * @param folder the folder as configured (relative paths read better in the log)
	 */
	public EmbeddedFtpServerNotice(EmbeddedFtpServer server, Path folder) {
		this.server = server;
		this.folder = folder;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// A separate management port fires its own event; only the API port is worth a curl line.
		if (event.getApplicationContext().getServerNamespace() == null) {
			logger.info(message(event.getWebServer().getPort()));
		}
	}

	String message(int httpPort) {
		return "No FTP backend configured: serving " + this.folder + " through an embedded FTP server on "
				+ this.server.host() + ":" + this.server.port() + ". Try: curl http://localhost:" + httpPort
				+ "/files/";
	}

}
