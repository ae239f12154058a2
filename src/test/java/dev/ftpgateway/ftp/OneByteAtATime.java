package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;

/** Hands out at most one byte per read, like a very slow network. */
final class OneByteAtATime extends InputStream {

	private final InputStream in;

	OneByteAtATime(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		return this.in.read();
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		return (len == 0) ? 0 : super.read(b, off, 1);
	}

}
