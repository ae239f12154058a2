package dev.ftpgateway.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * The caller may not hand out the share link it asked for. Answered 403 by
 * {@link SecurityProblems} with this message, a fixed text of ours.
 */
public final class ShareRefusedException extends AccessDeniedException {

	ShareRefusedException(String message) {
		super(message);
	}

}
