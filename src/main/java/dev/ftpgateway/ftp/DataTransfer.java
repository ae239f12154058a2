package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.OptionalLong;

/**
 * An open data connection and the size the server announced for it: what ftplib's
 * {@code ntransfercmd} returns as a tuple. The caller reads or writes the socket, closes it,
 * then reads the final reply with {@link FtpClient#voidResponse()}.
 *
 * @param socket the connected data socket
 * @param expectedSize the size from the 150 reply, when it gave one
 */
public record DataTransfer(Socket socket, OptionalLong expectedSize) implements Closeable {

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
