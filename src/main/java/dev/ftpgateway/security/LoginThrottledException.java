package dev.ftpgateway.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login attempt the {@link LoginThrottle} refused before asking the FTP server: answered 429
 * with {@code Retry-After}.
 */
public final class LoginThrottledException extends AuthenticationException {

	private final transient Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many login attempts; try again in " + retryAfter);
		this.retryAfter = retryAfter;
	}

	/** How long the client should wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
