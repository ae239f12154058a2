package dev.ftpgateway.ftp;

import java.io.IOException;

/**
 * Receives each block of a binary download, as ftplib's {@code retrbinary} callback does.
 * The array is reused between calls, so a sink that keeps data must copy it;
 * {@code OutputStream::write} fits as it is: {@code ftp.retrieveBinary("RETR f", out::write)}.
 */
@FunctionalInterface
public interface BlockSink {

	/**
	 * Takes one block.
	 * @param buffer the data; valid only during this call
	 * @param offset where the block starts in {@code buffer}
	 * @param length how many bytes it has, never zero
	 */
	void accept(byte[] buffer, int offset, int length) throws IOException;

}
