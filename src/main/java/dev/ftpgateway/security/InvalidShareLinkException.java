package dev.ftpgateway.security;

/**
 * A share link that grants nothing: altered, signed with another secret, or expired. The message
 * says which, in a fixed text of ours fit for a problem detail.
 */
public final class InvalidShareLinkException extends Exception {

	InvalidShareLinkException(String message) {
		super(message);
	}

}
