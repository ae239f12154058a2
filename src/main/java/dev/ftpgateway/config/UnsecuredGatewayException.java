package dev.ftpgateway.config;

/**
 * The gateway would be reachable from the network with no authentication configured: it
 * refuses to start rather than expose the FTP server to anyone.
 */
class UnsecuredGatewayException extends IllegalStateException {

	private final String address;

	UnsecuredGatewayException(String address) {
		super("No authentication is configured (ftp-gateway.security.*) and the gateway would listen on "
				+ address + "; refusing to start");
		this.address = address;
	}

	String address() {
		return this.address;
	}

}
