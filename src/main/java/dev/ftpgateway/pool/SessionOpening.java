package dev.ftpgateway.pool;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * How one attempt to open a session (connect, TLS, login) ended: the pool keeps the latest, so
 * a server's status can be told without contacting it.
 *
 * @param at when the attempt ended
 * @param failure what failed, worded as the pool words it (connect, TLS or login, and where);
 *        {@code null} when the session opened
 */
public record SessionOpening(Instant at, IOException failure) {

	public SessionOpening {
		Objects.requireNonNull(at, "at");
	}

	static SessionOpening opened(Instant at) {
		return new SessionOpening(at, null);
	}

	static SessionOpening failed(Instant at, IOException failure) {
		return new SessionOpening(at, Objects.requireNonNull(failure, "failure"));
	}

	/** Whether the session opened and logged in. */
	public boolean succeeded() {
		return this.failure == null;
	}

}
