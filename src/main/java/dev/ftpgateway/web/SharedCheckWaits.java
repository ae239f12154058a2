package dev.ftpgateway.web;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.files.FileReads;
import dev.ftpgateway.files.RemoteFile;
import dev.ftpgateway.files.RemotePath;

/**
 * Lets a GET of a cached file whose check another of the caller's requests is about to send
 * ({@link FileReads#awaitingCheck}) wait for that check's answer without holding its thread: the
 * request goes async and gives its thread back, and once the answer came a container thread
 * streams the confirmed copy. Under load most requests for a hot file share a check; each one
 * parked on a thread of its own cost the context switches and scheduling that the gateway would
 * rather spend serving.
 * <p>
 * What Spring MVC has to finish goes through a second, async dispatch that {@link #resumed}
 * picks up: a copy the check found stale or could not confirm (the request then looks the file up
 * like any other), and every outcome but a streamed body, such as a problem (412, 416, a bad
 * parameter), which Spring MVC renders as for any request. The caller's security context is
 * saved for that dispatch in the repository the security configuration loads it from.
 */
final class SharedCheckWaits {

	private static final Logger logger = LoggerFactory.getLogger(SharedCheckWaits.class);

	private static final String OUTCOME = SharedCheckWaits.class.getName() + ".outcome";

	private final SecurityContextRepository contexts;

	SharedCheckWaits(SecurityContextRepository contexts) {
		this.contexts = contexts;
	}

	/**
	 * Lets the GET of {@code path} wait without its thread if a check of its cached copy waits to
	 * be sent.
	 * @param render streams a confirmed copy, or returns what Spring MVC is to render instead
	 * @return whether the request waits: its response is then finished without the caller
	 */
	boolean waitFor(FileReads reads, RemotePath path, ServletWebRequest request, HttpServletResponse response,
			Render render) {
		HttpServletRequest servlet = request.getRequest();
		if (servlet.getDispatcherType() != DispatcherType.REQUEST || !servlet.isAsyncSupported()
				|| mayBeNotModified(servlet)) {
			return false;
		}
		Optional<CompletableFuture<Optional<RemoteFile>>> answer = reads.awaitingCheck(path);
		if (answer.isEmpty()) {
			return false;
		}
		SecurityContext caller = SecurityContextHolder.getContext();
		UnaryOperator<Runnable> withRequestId = AccessLogFilter.withRequestId(servlet);
		// Spring Security's session management saves an authenticated caller there too, but only
		// because the configuration names a session policy: this dispatch does not depend on that.
		this.contexts.saveContext(caller, servlet, response);
		AsyncContext async = servlet.startAsync(servlet, response);
		// No timeout: the check always answers, and a request that waits on its thread waits as long.
		async.setTimeout(0);
		AfterDispatch after = AfterDispatch.of(servlet, async);
		// As the caller, whichever thread answers: AsyncContext.start would carry that thread's caller.
		answer.get()
			.whenComplete((copy, failure) -> after.start(new DelegatingSecurityContextRunnable(withRequestId
				.apply(() -> finish((copy != null) ? copy : Optional.empty(), async, servlet, render)), caller)))
			.exceptionally((failure) -> {
				logger.warn("A GET that waited for a check without its thread could not be finished", failure);
				return null;
			});
		return true;
	}

	/**
	 * On the second dispatch of a request that waited: what is left for Spring MVC to render.
	 * @return empty when nothing is, and the file is to be looked up
	 * @throws IOException the failure rendering the confirmed copy ran into, or the same unchecked
	 */
	Optional<ResponseEntity<?>> resumed(HttpServletRequest request) throws IOException {
		if (request.getDispatcherType() != DispatcherType.ASYNC) {
			return Optional.empty();
		}
		Object outcome = request.getAttribute(OUTCOME);
		if (outcome instanceof IOException failure) {
			throw failure;
		}
		if (outcome instanceof RuntimeException failure) {
			throw failure;
		}
		return Optional.ofNullable((ResponseEntity<?>) outcome);
	}

	/**
	 * Whether the answer may be a 304. Spring Security writes its cache headers when the first
	 * dispatch returns, which for a request gone async is while the status is still 200; it leaves
	 * them out of a 304 only when it sees that status. Such requests keep their thread.
	 */
	private static boolean mayBeNotModified(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
				|| request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) != null;
	}

	/** Streams the confirmed copy and completes, or leaves the rest to a second dispatch: never neither. */
	private static void finish(Optional<RemoteFile> copy, AsyncContext async, HttpServletRequest request,
			Render render) {
		boolean streamed = false;
		try {
			if (copy.isPresent()) {
				ResponseEntity<?> rendered = render.file(copy.get());
				streamed = (rendered == null);
				if (!streamed) {
					request.setAttribute(OUTCOME, rendered);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			request.setAttribute(OUTCOME, ex);
		}
		finally {
			if (streamed) {
				async.complete();
			}
			else {
				async.dispatch();
			}
		}
	}

	/** Answers the GET from a confirmed copy, as {@link DownloadService} does on the request's thread. */
	@FunctionalInterface
	interface Render {

		/** @return null when the body was streamed, else the response for Spring MVC to render */
		ResponseEntity<?> file(RemoteFile copy) throws IOException;

	}

}
