package dev.ftpgateway.security;

import java.io.IOException;

import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.UserSessionPool;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Lends each caller the right sessions: a pass-through caller gets sessions logged in as
 * themselves, everyone else (API keys, JWTs, anonymous) the shared sessions of the gateway's
 * own login. Reads the caller from the request thread's security context, which is where the
 * web layer borrows.
 */
public final class CallerSessions implements FtpSessions {

	private final FtpSessions shared;

	private final UserSessionPool users;

	public CallerSessions(FtpSessions shared, UserSessionPool users) {
		this.shared = shared;
		this.users = users;
	}

	@Override
	public Lease borrow() throws IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller instanceof FtpUserAuthentication user) {
			return this.users.borrow(user.login());
		}
		return this.shared.borrow();
	}

	@Override
	public void discardIdle() {
		this.shared.discardIdle();
		this.users.discardIdle();
	}

}
