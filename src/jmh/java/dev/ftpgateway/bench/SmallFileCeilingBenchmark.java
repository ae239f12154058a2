package dev.ftpgateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * The ceilings for 1 KiB GETs through a gateway that asks the FTP server on every request: every
 * JMH thread keeps one logged-in session (as the gateway's pool does) and, with no HTTP in
 * between, either downloads the same 1 KiB file over and over ({@link #retrieveSmallFile}: any
 * gateway that fetches each request over FTP) or checks its size and modification time the way
 * the gateway validates a cached copy ({@link #validateSmallFile}: MLST where the server offers
 * it, else SIZE and MDTM sent together where it takes pipelined commands, else one after the
 * other). Run with {@code -t 20} or {@code -t 100} for the benchmark's client counts; the score is
 * operations per second over all threads. A data connection the server could not open (425: its
 * passive ports briefly used up, as pure-ftpd and proftpd answer under this load) is tried once
 * more on the same session, as the gateway does.
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

	private Validation validation;

	@Setup(Level.Trial)
	public void connect() throws IOException {
		this.client = loggedIn();
		if (this.client.features().containsKey("MLST")) {
			this.validation = Validation.MLST;
		}
		else if (this.client.acceptsPipelining(Duration.ofSeconds(2))) {
			this.validation = Validation.PIPELINED_SIZE_AND_MDTM;
		}
		else {
			// The probe left this session out of step.
			this.client.close();
			this.client = loggedIn();
			this.validation = Validation.SIZE_THEN_MDTM;
		}
	}

	private FtpClient loggedIn() throws IOException {
		FtpClient client = new FtpClient();
		client.connect(this.host, this.port);
		client.login(this.user, this.password);
		return client;
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

	@Benchmark
	public void validateSmallFile(Blackhole blackhole) throws IOException {
		switch (this.validation) {
			case MLST -> blackhole.consume(this.client.mlst(this.file));
			case PIPELINED_SIZE_AND_MDTM -> blackhole.consume(this.client.sizeAndMdtmEach(List.of(this.file)));
			case SIZE_THEN_MDTM -> {
				blackhole.consume(this.client.size(this.file));
				blackhole.consume(this.client.mdtm(this.file));
			}
		}
	}

	private String retrieve(Blackhole blackhole) throws IOException {
		return this.client.retrieveBinary("RETR " + this.file, (block, offset, length) -> blackhole.consume(block));
	}

	private enum Validation {

		MLST, PIPELINED_SIZE_AND_MDTM, SIZE_THEN_MDTM

	}

}
