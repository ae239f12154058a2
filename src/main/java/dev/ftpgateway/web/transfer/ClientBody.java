package dev.ftpgateway.web.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletInputStream;

/** A request body whose read failures are marked as the client's fault rather than the server's. */
public final class ClientBody extends ForwardingServletInputStream {

	public ClientBody(ServletInputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		try {
			return super.read();
		}
		catch (IOException ex) {
			throw failed(ex);
		}
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		try {
			return super.read(b, off, len);
		}
		catch (IOException ex) {
			throw failed(ex);
		}
	}

	@Override
	public int read(ByteBuffer buffer) throws IOException {
		try {
			return super.read(buffer);
		}
		catch (IOException ex) {
			throw failed(ex);
		}
	}

	private static IncompleteUploadException failed(IOException ex) {
		return new IncompleteUploadException("Reading the request body failed: " + ex.getMessage(), ex);
	}

}
