package dev.ftpgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * blocks of the same size into a Blackhole, both with their defaults otherwise, as users would,
 * against a real server on loopback (the lab's vsftpd unless {@code -p port=...}).
 * <p>
 * The two run at the same time, one thread each in one JMH group: on a shared, noisy machine
 * two benchmarks run one after the other can differ by 2x with identical code, while two
 * running side by side share whatever the machine gives, so their ratio is what is measured.
 * Bytes per second = file size x ops/s of each thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RetrieveBenchmark {

	@State(Scope.Benchmark)
	public static class Server {

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

	}

	@State(Scope.Thread)
	public static class JdkClient {

		FtpClient client;

		@Setup(Level.Trial)
		public void connect(Server server) throws IOException {
			this.client = new FtpClient();
			this.client.connect(server.host, server.port);
			this.client.login(server.user, server.password);
		}

		@TearDown(Level.Trial)
		public void disconnect() throws IOException {
			this.client.close();
		}

	}

	@State(Scope.Thread)
	public static class CommonsNetClient {

		FTPClient client;

		byte[] buffer;

		@Setup(Level.Trial)
		public void connect(Server server) throws IOException {
			this.client = new FTPClient();
			this.client.connect(server.host, server.port);
			if (!this.client.login(server.user, server.password)
					|| !FTPReply.isPositiveCompletion(this.client.getReplyCode())) {
				throw new IOException("Commons Net login failed: " + this.client.getReplyString());
			}
			this.client.enterLocalPassiveMode();
			this.client.setFileType(FTP.BINARY_FILE_TYPE);
			this.buffer = new byte[server.blockSize];
		}

		@TearDown(Level.Trial)
		public void disconnect() throws IOException {
			this.client.disconnect();
		}

	}

	@Benchmark
	@Group("sideBySide")
	@GroupThreads(1)
	public long ftpClientRetrieveBinary(Server server, JdkClient jdk, Blackhole blackhole) throws IOException {
		long[] received = new long[1];
		jdk.client.retrieveBinary("RETR " + server.file, (block, offset, length) -> {
			blackhole.consume(block);
			received[0] += length;
		}, server.blockSize);
		return received[0];
	}

	@Benchmark
	@Group("sideBySide")
	@GroupThreads(1)
	public long commonsNetRetrieveFileStream(Server server, CommonsNetClient commonsNet, Blackhole blackhole)
			throws IOException {
		long received = 0;
		try (InputStream in = commonsNet.client.retrieveFileStream(server.file)) {
			if (in == null) {
				throw new IOException("RETR refused: " + commonsNet.client.getReplyString());
			}
			int n;
			while ((n = in.read(commonsNet.buffer)) != -1) {
				blackhole.consume(commonsNet.buffer);
				received += n;
			}
		}
		if (!commonsNet.client.completePendingCommand()) {
			throw new IOException("Transfer failed: " + commonsNet.client.getReplyString());
		}
		return received;
	}

}
