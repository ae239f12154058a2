package dev.ftpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the gateway: an HTTP API over the configured (or an embedded) FTP server. */
@SpringBootApplication
public class FtpGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(FtpGatewayApplication.class, args);
	}

}
