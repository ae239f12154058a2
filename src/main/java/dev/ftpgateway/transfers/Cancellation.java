package dev.ftpgateway.transfers;

/** What asking to cancel a transfer did. */
public enum Cancellation {

	/**
	 * It stops at its next read or write and its request fails: the HTTP response is cut, the FTP
	 * transfer aborted, an upload's temporary file removed.
	 */
	CANCELLED,

	/** No transfer has this id (any more): it ended, or runs on another instance. */
	NOT_FOUND,

	/** Every byte has moved and the server is confirming it: too late to cancel without a half-done result. */
	FINISHING

}
