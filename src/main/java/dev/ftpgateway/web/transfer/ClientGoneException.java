package dev.ftpgateway.web.transfer;

import java.io.IOException;

/** Writing the response failed: the HTTP client went away, so the transfer failed on its side, not the server's. */
class ClientGoneException extends IOException {

	ClientGoneException(IOException cause) {
		super("The client went away: " + cause.getMessage(), cause);
	}

}
