package dev.ftpgateway.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.web.transfer.ContainerBody;

/**
 * Writes one access-log line per request: method, raw path, status, body bytes sent and
 * duration. A request that failed mid-body is logged with the status sent and the bytes that
 * made it out, marked {@code aborted}; one whose transfer an operator cancelled, {@code cancelled}.
 * <p>
 * The same facts go out as separate key-value pairs, which structured logging
 * ({@code logging.structured.format.console=ecs}) renders as fields: {@code clientAddress},
 * {@code caller}, {@code server}, {@code method}, {@code path}, {@code status}, {@code bytes},
 * {@code durationMs} and {@code outcome} ({@code completed}, {@code aborted} or
 * {@code cancelled}). The request id ({@value #REQUEST_ID_HEADER}, taken from the request when
 * it is a plain token, else made up, and sent back) is in the MDC as {@code requestId} while the
 * request runs, so every line logged for it carries it. A request that went async is logged when
 * it completes, and its id goes with it to the threads that finish it ({@link #withRequestId}).
 * <p>
 * The query string is logged with the values of parameters that look like credentials replaced
 * by {@value #REDACTED}: clients put API keys and tokens there by mistake ({@code ?api_key=},
 * {@code ?access_token=}), and logs are read by more people than the keys are meant for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessLogFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger("dev.ftpgateway.access");

	/** The header a request id is taken from and sent back in. */
	public static final String REQUEST_ID_HEADER = "X-Request-Id";

	/** The MDC key of the request id. */
	public static final String REQUEST_ID = "requestId";

	/** The request attribute holding the request id, for the threads that finish a request gone async. */
	private static final String REQUEST_ID_ATTRIBUTE = AccessLogFilter.class.getName() + ".requestId";

	/** The request attribute naming who is asking (an API key's {@code api-key:NAME}, a user). */
	public static final String CALLER = AccessLogFilter.class.getName() + ".caller";

	/** The request attribute naming the FTP server the request went to. */
	public static final String SERVER = AccessLogFilter.class.getName() + ".server";

	/** The request attribute holding the request's {@link RunningTransfer}, if it has one. */
	public static final String TRANSFER = AccessLogFilter.class.getName() + ".transfer";

	/**
	 * A request id from a proxy is kept only when it cannot disguise itself as something else in
	 * a log line: letters, digits and {@code -._}, at most 64.
	 */
	private static final Pattern PLAIN_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	static final String REDACTED = "***";

	/**
	 * Parameter names whose values are redacted: anything naming a key, token, password or
	 * secret, and share links' {@code share}.
	 */
	private static final Pattern CREDENTIAL_NAME = Pattern
		.compile("(?i)key|token|pass|pwd|secret|auth|sig|credential|session|share");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request)) {
			// Logged when the request completes (AsyncLog); this dispatch only carries its id.
			MDC.put(REQUEST_ID, (String) request.getAttribute(REQUEST_ID_ATTRIBUTE));
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(REQUEST_ID);
			}
			return;
		}
		long start = System.nanoTime();
		String requestId = requestId(request);
		MDC.put(REQUEST_ID, requestId);
		request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
		response.setHeader(REQUEST_ID_HEADER, requestId);
		CountingResponse counting = new CountingResponse(response);
		boolean completed = false;
		try {
			chain.doFilter(request, counting);
			completed = true;
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new AsyncLog(request, response, counting, start));
				// After a failure Jetty answers the request itself: nothing else may write it.
				if (completed) {
					AfterDispatch.returned(request);
				}
			}
			else {
				log(request, response, counting, start, completed);
			}
			MDC.remove(REQUEST_ID);
		}
	}

	/** Async dispatches carry the request id too, and the request is logged once, when it completes. */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	private static void log(HttpServletRequest request, HttpServletResponse response, CountingResponse counting,
			long start, boolean completed) {
		String outcome = outcome(request.getAttribute(TRANSFER), response.getStatus(), completed);
		log(new Line(request.getMethod(), request.getRequestURI(), request.getQueryString(), response.getStatus(),
				counting.bytes(), (System.nanoTime() - start) / 1_000_000, outcome), request.getRemoteAddr(),
				(String) request.getAttribute(CALLER), (String) request.getAttribute(SERVER));
	}

	/**
	 * Wraps work on a request that went async so that it runs with the request's id in the MDC, on
	 * whatever thread it runs. The id is read now, on a thread the request is served on: the work
	 * may run beside the request's own thread, or outlive the request.
	 */
	static UnaryOperator<Runnable> withRequestId(HttpServletRequest request) {
		String requestId = (String) request.getAttribute(REQUEST_ID_ATTRIBUTE);
		return (work) -> () -> {
			MDC.put(REQUEST_ID, requestId);
			try {
				work.run();
			}
			finally {
				MDC.remove(REQUEST_ID);
			}
		};
	}

	/**
	 * How the exchange ended: {@code aborted} when the response was cut off. A failed transfer
	 * under a success status means its body was cut off: Spring MVC takes a client that went away
	 * mid-download ("Connection reset by peer") for handled, so no exception tells this filter. A
	 * failed upload was answered with a problem, which completed.
	 */
	private static String outcome(Object transfer, int status, boolean completed) {
		if (transfer instanceof RunningTransfer running) {
			if (running.isCancelled()) {
				return "cancelled";
			}
			if (!running.isCompleted() && status < HttpServletResponse.SC_BAD_REQUEST) {
				return "aborted";
			}
		}
		return completed ? "completed" : "aborted";
	}

	/** The id of the request being served on this thread, as the access log writes it. */
	public static String currentRequestId() {
		return MDC.get(REQUEST_ID);
	}

	private static String requestId(HttpServletRequest request) {
		String sent = request.getHeader(REQUEST_ID_HEADER);
		return (sent != null && PLAIN_REQUEST_ID.matcher(sent).matches()) ? sent : UUID.randomUUID().toString();
	}

	/**
	 * Writes one access-log line. Also called for the requests Jetty rejects before this filter
	 * runs ({@link dev.ftpgateway.web.problem.ProblemErrorHandler}), so every request is logged
	 * the same way.
	 * @param rawPath the path as sent, still percent-encoded
	 * @param rawQuery the query string as sent, or {@code null}; credential-like values are redacted
	 */
	static void log(String method, String rawPath, String rawQuery, int status, long bytes, long millis,
			boolean completed) {
		log(new Line(method, rawPath, rawQuery, status, bytes, millis, completed ? "completed" : "aborted"), null,
				null, null);
	}

	private static void log(Line line, String clientAddress, String caller, String server) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String path = line.rawPath() + ((line.rawQuery() != null) ? "?" + redact(line.rawQuery()) : "");
		LoggingEventBuilder event = logger.atInfo();
		if (clientAddress != null) {
			event = event.addKeyValue("clientAddress", clientAddress);
		}
		if (caller != null) {
			event = event.addKeyValue("caller", caller);
		}
		if (server != null) {
			event = event.addKeyValue("server", server);
		}
		event.addKeyValue("method", line.method())
			.addKeyValue("path", path)
			.addKeyValue("status", line.status())
			.addKeyValue("bytes", line.bytes())
			.addKeyValue("durationMs", line.millis())
			.addKeyValue("outcome", line.outcome())
			// Concatenated: String.format parses its pattern on every call, a few percent of the
			// CPU of a small GET, and this runs for every request.
			.log(line.method() + " " + path + " " + line.status() + " " + line.bytes() + " " + line.millis() + "ms"
					+ (line.outcome().equals("completed") ? "" : " " + line.outcome()));
	}

	/** The query string with the values of credential-like parameters replaced by {@value #REDACTED}. */
	static String redact(String query) {
		StringJoiner redacted = new StringJoiner("&");
		for (String parameter : query.split("&", -1)) {
			int equals = parameter.indexOf('=');
			String name = (equals < 0) ? parameter : parameter.substring(0, equals);
			redacted.add((equals >= 0 && looksLikeCredential(name)) ? name + "=" + REDACTED : parameter);
		}
		return redacted.toString();
	}

	private static boolean looksLikeCredential(String rawName) {
		String name;
		try {
			name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A name that does not even decode: redact rather than guess.
			return true;
		}
		return CREDENTIAL_NAME.matcher(name).find();
	}

	/**
	 * Logs a request that went async when it completes, on whatever thread completes it; a
	 * request that failed on the way ({@code onError}) is {@code aborted}.
	 */
	private static final class AsyncLog implements AsyncListener {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final CountingResponse counting;

		private final long start;

		private volatile boolean failed;

		AsyncLog(HttpServletRequest request, HttpServletResponse response, CountingResponse counting, long start) {
			this.request = request;
			this.response = response;
			this.counting = counting;
			this.start = start;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			withRequestId(this.request)
				.apply(() -> log(this.request, this.response, this.counting, this.start, !this.failed))
				.run();
		}

		@Override
		public void onError(AsyncEvent event) {
			this.failed = true;
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.failed = true;
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

	/** What one access-log line says of its request; {@code outcome} is completed, aborted or cancelled. */
	private record Line(String method, String rawPath, String rawQuery, int status, long bytes, long millis,
			String outcome) {
	}

	/** Counts the body bytes written through it, and those written past it ({@link ContainerBody}). */
	private static final class CountingResponse extends HttpServletResponseWrapper implements ContainerBody.BodyCounter {

		private CountingOutputStream stream;

		private long writtenPast;

		CountingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingOutputStream(super.getOutputStream());
			}
			return this.stream;
		}

		@Override
		public void writtenPast(long bytes) {
			this.writtenPast += bytes;
		}

		long bytes() {
			return this.writtenPast + ((this.stream != null) ? this.stream.count : 0);
		}

	}

	/** A servlet output stream that counts what passes through. */
	private static final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private long count;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
			this.count += len;
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
