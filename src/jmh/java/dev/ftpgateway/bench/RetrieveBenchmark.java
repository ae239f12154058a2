package dev.ftpgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import dev.ftpgateway.ftp.FtpClient;

/**
 * Downloads one file per operation over a logged-in session, with the JDK-only client's
 * {@code retrieveBinary} and with Apache Commons Net's {@code retrieveFileStream}, both reading
 * blocks of the same size into a Blackhole. Both run with their defaults otherwise, as users
 * would, against a real server on loopback (the lab's vsftpd unless {@code -p port=...}).
 * Bytes per second = file size x ops/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RetrieveBenchmark {

	@Param("127.0.0.1")
	public String host;

	@Param("2121")
	public int port;

	@Param("labuser")
	public String user;

	@Param("labpass")
	public String password;

	@Param("/big/100MiB.bin")
	public String file;

	@Param({ "8192", "65536" })
	public int blockSize;

	private FtpClient client;

	private FTPClient commonsNet;

	private byte[] buffer;

	@Setup(Level.Trial)
	public void connect() throws IOException {
		this.client = new FtpClient();
		this.client.connect(this.host, this.port);
		this.client.login(this.user, this.password);
		this.commonsNet = new FTPClient();
		this.commonsNet.connect(this.host, this.port);
		if (!this.commonsNet.login(this.user, this.password)
				|| !FTPReply.isPositiveCompletion(this.commonsNet.getReplyCode())) {
			throw new IOException("Commons Net login failed: " + this.commonsNet.getReplyString());
		}
		this.commonsNet.enterLocalPassiveMode();
		this.commonsNet.setFileType(FTP.BINARY_FILE_TYPE);
		this.buffer = new byte[this.blockSize];
	}

	@TearDown(Level.Trial)
	public void disconnect() throws IOException {
		this.client.close();
		this.commonsNet.disconnect();
	}

	@Benchmark
	public long ftpClientRetrieveBinary(Blackhole blackhole) throws IOException {
		long[] received = new long[1];
		this.client.retrieveBinary("RETR " + this.file, (block, offset, length) -> {
			blackhole.consume(block);
			received[0] += length;
		}, this.blockSize);
		return received[0];
	}

	@Benchmark
	public long commonsNetRetrieveFileStream(Blackhole blackhole) throws IOException {
		long received = 0;
		try (InputStream in = this.commonsNet.retrieveFileStream(this.file)) {
			if (in == null) {
				throw new IOException("RETR refused: " + this.commonsNet.getReplyString());
			}
			int n;
			while ((n = in.read(this.buffer)) != -1) {
				blackhole.consume(this.buffer);
				received += n;
			}
		}
		if (!this.commonsNet.completePendingCommand()) {
			throw new IOException("Transfer failed: " + this.commonsNet.getReplyString());
		}
		return received;
	}

}
