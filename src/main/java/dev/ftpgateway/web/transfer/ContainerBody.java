package dev.ftpgateway.web.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet container's own body stream beneath every response wrapper, for a download
 * written from direct buffers. Jetty writes a direct buffer to the socket as it is, but a
 * wrapper that does not pass {@code write(ByteBuffer)} on (Spring Security's does not) copies
 * each buffer into a new byte array first, which undoes the point. The status and
 * headers are committed through the wrappers before the body bypasses them, so wrappers that
 * act on commit (Spring Security writes its headers then) still do, and wrappers that count the
 * body ({@link BodyCounter}) are told what was written past them.
 */
public final class ContainerBody {

	/** A response wrapper that counts body bytes, and so must hear of those written past it. */
	public interface BodyCounter {

		void writtenPast(long bytes);

	}

	private final ServletOutputStream out;

	private final List<BodyCounter> counters;

	private long written;

	private ContainerBody(ServletOutputStream out, List<BodyCounter> counters) {
		this.out = out;
		this.counters = counters;
	}

	/**
	 * Commits the response's status and headers through its wrappers and returns the body
	 * stream beneath them.
	 * @throws ClientGoneException when the client went away before the headers left
	 */
	static ContainerBody commit(HttpServletResponse response) throws IOException {
		try {
			response.flushBuffer();
		}
		catch (IOException ex) {
			throw new ClientGoneException(ex);
		}
		List<BodyCounter> counters = new ArrayList<>();
		ServletResponse current = response;
		while (current instanceof ServletResponseWrapper wrapper) {
			if (wrapper instanceof BodyCounter counter) {
				counters.add(counter);
			}
			current = wrapper.getResponse();
		}
		return new ContainerBody(current.getOutputStream(), counters);
	}

	/** Writes all of {@code buffer}; write failures are the client's. */
	void write(ByteBuffer buffer) throws IOException {
		int length = buffer.remaining();
		try {
			this.out.write(buffer);
		}
		catch (IOException ex) {
			throw new ClientGoneException(ex);
		}
		this.written += length;
	}

	void flush() throws IOException {
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw new ClientGoneException(ex);
		}
	}

	/** Tells the counting wrappers how many bytes went past them; call once, however the body ended. */
	void reportWritten() {
		for (BodyCounter counter : this.counters) {
			counter.writtenPast(this.written);
		}
	}

}
