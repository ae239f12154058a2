package dev.ftpgateway.web;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Starts work on a request's async context on a container thread, but not before the request's
 * first dispatch has returned through every filter: work that writes the response while filters
 * still unwind on the request's own thread would race them (Spring Security's
 * {@code HeaderWriterFilter} writes its headers after the chain returns). {@link AccessLogFilter},
 * the outermost filter, reports the return.
 */
final class AfterDispatch {

	private static final String ATTRIBUTE = AfterDispatch.class.getName();

	/** Stands in for the work once the dispatch returned: work that comes then starts at once. */
	private static final Runnable RETURNED = () -> {
	};

	private final AsyncContext async;

	private final AtomicReference<Runnable> work = new AtomicReference<>();

	private AfterDispatch(AsyncContext async) {
		this.async = async;
	}

	/** Holds back work on {@code async}, just started on {@code request}, until its dispatch returned. */
	static AfterDispatch of(HttpServletRequest request, AsyncContext async) {
		AfterDispatch after = new AfterDispatch(async);
		request.setAttribute(ATTRIBUTE, after);
		return after;
	}

	/** Runs {@code work} on a container thread, now if the dispatch returned, else when it does. */
	void start(Runnable work) {
		if (!this.work.compareAndSet(null, work)) {
			this.async.start(work);
		}
	}

	/** Called by the outermost filter when the first dispatch of {@code request} returned. */
	static void returned(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof AfterDispatch after) {
			Runnable waiting = after.work.getAndSet(RETURNED);
			if (waiting != null && waiting != RETURNED) {
				after.async.start(waiting);
			}
		}
	}

}
