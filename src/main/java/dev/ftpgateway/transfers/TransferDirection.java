package dev.ftpgateway.transfers;

import java.util.Locale;

/** Which way a transfer's bytes go: from the FTP server to the client, the other way, or a folder's entries. */
public enum TransferDirection {

	DOWNLOAD, UPLOAD, LISTING;

	/** As metrics tags and the transfer list spell it: {@code download}, {@code upload}, {@code listing}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
