package dev.ftpgateway.transfers;

import java.io.IOException;

/**
 * An operator cancelled the transfer: it stops at its next read or write, and the request fails
 * with nothing half-written.
 */
public class TransferCancelledException extends IOException {

	public TransferCancelledException(String id) {
		super("Transfer " + id + " was cancelled by an operator");
	}

}
