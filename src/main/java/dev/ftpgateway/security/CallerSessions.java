package dev.ftpgateway.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.UserSessionPool;
import dev.ftpgateway.pool.WaitingPlace;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Lends each caller the right sessions of one FTP server: a pass-through caller gets sessions
 * logged in as themselves (capped per user by their own pool), everyone else the shared sessions
 * of the gateway's own login, at most {@code maxPerCaller} at once per API key, per JWT subject,
 * for all anonymous callers together and for all share links together, so one caller's slow
 * clients cannot hold every session. At most {@code maxWaiting} requests are inside
 * {@link #borrow()} at once, waiting for a share, a session or a login, or hold a
 * {@link #waitingPlace()} to wait for another request's use of one; more are refused at once,
 * so requests piling up on a server that hangs hold a bounded number of the request threads all
 * servers share (or of the requests waiting without one). Reads the caller from the request thread's security context, which is where the
 * web layer borrows.
 */
public final class CallerSessions implements FtpSessions {

	private static final String ANONYMOUS = "anonymous";

	private final FtpSessions shared;

	private final @Nullable UserSessionPool users;

	private final CallerSessionLimit limit;

	private final int maxWaiting;

	private final AtomicInteger waiting = new AtomicInteger();

	/**
	 * @param shared the sessions of the gateway's own login
	 * @param users the pass-through callers' own sessions; null when pass-through is off
	 * @param maxPerCaller the most shared sessions one caller holds at once
	 * @param maxWait how long a caller over its share waits for one of its sessions to come back
	 * @param maxWaiting the most requests borrowing at once
	 */
	public CallerSessions(FtpSessions shared, @Nullable UserSessionPool users, int maxPerCaller, Duration maxWait,
			int maxWaiting) {
		if (maxWaiting < 1) {
			throw new IllegalArgumentException("maxWaiting must be at least 1: " + maxWaiting);
		}
		this.shared = shared;
		this.users = users;
		this.limit = new CallerSessionLimit(maxPerCaller, maxWait);
		this.maxWaiting = maxWaiting;
	}

	/**
	 * Lends a session for the caller of the current request.
	 * @throws TooManyWaitingException when {@code maxWaiting} requests are borrowing already
	 */
	@Override
	public Lease borrow() throws IOException {
		if (this.waiting.incrementAndGet() > this.maxWaiting) {
			this.waiting.decrementAndGet();
			throw new TooManyWaitingException(this.maxWaiting);
		}
		try {
			return borrowForCaller();
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	/** Counts against {@code maxWaiting}, as a request inside {@link #borrow()} does. */
	@Override
	public Optional<WaitingPlace> waitingPlace() {
		if (this.waiting.incrementAndGet() > this.maxWaiting) {
			this.waiting.decrementAndGet();
			return Optional.empty();
		}
		return Optional.of(this.waiting::decrementAndGet);
	}

	/** The name the current caller's share is counted under: one per API key, JWT subject, and so on. */
	@Override
	public String borrower() {
		return name(SecurityContextHolder.getContext().getAuthentication());
	}

	@Override
	public boolean lendsShared() {
		return !(SecurityContextHolder.getContext().getAuthentication() instanceof FtpUserAuthentication
				&& this.users != null);
	}

	private Lease borrowForCaller() throws IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller instanceof FtpUserAuthentication user && this.users != null) {
			return this.users.borrow(user.login());
		}
		String name = name(caller);
		this.limit.acquire(name);
		try {
			Lease lease = this.shared.borrow();
			lease.afterClose(() -> this.limit.release(name));
			return lease;
		}
		catch (IOException | RuntimeException ex) {
			this.limit.release(name);
			throw ex;
		}
	}

	/**
	 * API keys are named {@code api-key:NAME}; JWTs by their subject; anonymous callers are one
	 * caller, and so are all share links, whoever holds them.
	 */
	private static String name(@Nullable Authentication caller) {
		if (caller == null || caller instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		if (caller instanceof ShareAuthentication) {
			return ShareAuthentication.CALLER;
		}
		return (caller instanceof ScopedAuthentication) ? caller.getName() : "jwt:" + caller.getName();
	}

	@Override
	public void discardIdle() {
		this.shared.discardIdle();
		if (this.users != null) {
			this.users.discardIdle();
		}
	}

}
