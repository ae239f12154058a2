package dev.ftpgateway.transfers;

import java.util.Locale;

/** How a transfer ended. */
public enum TransferOutcome {

	/** Every byte moved and the operation around it (the server's 226, an upload's move into place) succeeded. */
	COMPLETED,

	/** Either side failed, or the client went away. */
	FAILED,

	/** An operator cancelled it. */
	CANCELLED;

	/** As metrics tags spell it: {@code completed}, {@code failed}, {@code cancelled}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
