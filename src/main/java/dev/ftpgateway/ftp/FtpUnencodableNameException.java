package dev.ftpgateway.ftp;

import java.nio.charset.Charset;

/**
 * A command names something the connection's charset cannot write, such as a Japanese name on a
 * server set to ISO-8859-1. Nothing was sent: sending the charset's replacement character instead
 * would name another file, or none.
 */
public final class FtpUnencodableNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient Charset charset;

	FtpUnencodableNameException(String text, Charset charset) {
		super("'" + DialogueLog.mask(text).strip() + "' cannot be written in the FTP server's charset, " + charset);
		this.charset = charset;
	}

	/** The charset that cannot write the name. */
	public Charset charset() {
		return this.charset;
	}

}
