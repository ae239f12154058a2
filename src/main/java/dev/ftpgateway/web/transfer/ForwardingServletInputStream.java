package dev.ftpgateway.web.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body that passes every call on to another, for wrappers that act on some of them.
 * It forwards {@link #read(ByteBuffer)} too: {@link ServletInputStream}'s own version reads
 * through a new array on every call.
 */
public abstract class ForwardingServletInputStream extends ServletInputStream {

	private final ServletInputStream delegate;

	protected ForwardingServletInputStream(ServletInputStream delegate) {
		this.delegate = delegate;
	}

	@Override
	public int read() throws IOException {
		return this.delegate.read();
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		return this.delegate.read(b, off, len);
	}

	@Override
	public int read(ByteBuffer buffer) throws IOException {
		return this.delegate.read(buffer);
	}

	@Override
	public boolean isFinished() {
		return this.delegate.isFinished();
	}

	@Override
	public boolean isReady() {
		return this.delegate.isReady();
	}

	@Override
	public void setReadListener(ReadListener listener) {
		this.delegate.setReadListener(listener);
	}

}
