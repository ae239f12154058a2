package dev.ftpgateway.pool;

/**
 * One of the places of the requests that wait on a source of sessions, held by a request that
 * waits for another request's use of a session rather than for a session of its own: it holds a
 * request thread all the same, or, waiting without one, a connection and its request, so it counts
 * against the same bound ({@link FtpSessions#waitingPlace}). Close it to give the place back.
 */
@FunctionalInterface
public interface WaitingPlace extends AutoCloseable {

	/** A place that counts against nothing, for sources with no bound on their waiting requests. */
	WaitingPlace UNBOUNDED = () -> {
	};

	@Override
	void close();

}
