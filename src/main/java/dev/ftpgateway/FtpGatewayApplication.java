package dev.ftpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the gateway: an HTTP API over the configured (or an embedded) FTP server. */
@SpringBootApplication
public class FtpGatewayApplication {

	/**
	 * JSSE reads this once, before the first TLS connection. With TLS 1.2 session tickets on,
	 * vsftpd 3.0.3 refuses to resume the control connection's session on data connections
	 * ({@code 522 SSL connection failed: session reuse required}); with them off it resumes by
	 * session id. The gateway's only TLS client is its FTPS client, so nothing else loses by it.
	 * A value given on the command line wins.
	 */
	static final String SESSION_TICKETS = "jdk.tls.client.enableSessionTicketExtension";

	public static void main(String[] args) {
		if (System.getProperty(SESSION_TICKETS) == null) {
			System.setProperty(SESSION_TICKETS, "false");
		}
		SpringApplication.run(FtpGatewayApplication.class, args);
	}

}
