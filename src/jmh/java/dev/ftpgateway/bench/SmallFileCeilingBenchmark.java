package dev.ftpgateway.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

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
import dev.ftpgateway.ftp.FtpException;

/**
 * The ceiling for 1 KiB GETs through any gateway that fetches each request from FTP: every
 * JMH thread keeps one logged-in session (as the gateway's pool does) and downloads the same
 * 1 KiB file over and over, with no HTTP in between. Run with {@code -t 20} or {@code -t 100}
 * for the benchmark's client counts; the score is RETRs per second over all threads. A data
 * connection the server could not open (425: its passive ports briefly used up, as pure-ftpd and
 * proftpd answer under this load) is tried once more on the same session, as the gateway does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SmallFileCeilingBenchmark {

	@Param("127.0.0.1")
	public String host;

	@Param("2121")
	public int port;

	@Param("labuser")
	public String user;

	@Param("labpass")
	public String password;

	@Param("/small/f0001.bin")
	public String file;

	private FtpClient client;

	@Setup(Level.Trial)
	public void connect() throws IOException {
		this.client = new FtpClient();
		this.client.connect(this.host, this.port);
		this.client.login(this.user, this.password);
	}

	@TearDown(Level.Trial)
	public void disconnect() throws IOException {
		this.client.close();
	}

	@Benchmark
	public String retrieveSmallFile(Blackhole blackhole) throws IOException {
		try {
			return retrieve(blackhole);
		}
		catch (FtpException ex) {
			if (ex.replyCode() != 425) {
				throw ex;
			}
			return retrieve(blackhole);
		}
	}

	private String retrieve(Blackhole blackhole) throws IOException {
		return this.client.retrieveBinary("RETR " + this.file, (block, offset, length) -> blackhole.consume(block));
	}

}
