package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.Set;

import dev.ftpgateway.ftp.FtpEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns the FTP client's events into Micrometer meters: the {@code ftp.commands} timer, tagged
 * with the command and the class of its reply, and the {@code ftp.transfer.bytes} counter,
 * tagged with the direction and whether the server confirmed the transfer.
 */
public class FtpCommandMetrics implements FtpEventListener {

	/** Verbs become tags only from this list, so an odd command cannot add time series without end. */
	private static final Set<String> KNOWN_VERBS = Set.of("USER", "PASS", "ACCT", "AUTH", "PBSZ", "PROT", "CCC",
			"FEAT", "OPTS", "TYPE", "NOOP", "QUIT", "PWD", "CWD", "CDUP", "MKD", "RMD", "DELE", "RNFR", "RNTO", "SIZE",
			"MDTM", "MLST", "MLSD", "LIST", "NLST", "RETR", "STOR", "APPE", "REST", "EPSV", "PASV", "EPRT", "PORT",
			"ABOR");

	private final MeterRegistry registry;

	public FtpCommandMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void commandCompleted(String verb, int replyCode, Duration elapsed) {
		Timer.builder("ftp.commands")
			.description("FTP commands, from sending to the reply")
			.tag("command", KNOWN_VERBS.contains(verb) ? verb : "OTHER")
			.tag("reply", (replyCode < 0) ? "none" : (replyCode / 100) + "xx")
			.register(this.registry)
			.record(elapsed);
	}

	@Override
	public void transferCompleted(String verb, long bytes, boolean succeeded) {
		Counter.builder("ftp.transfer.bytes")
			.description("Bytes moved over FTP data connections")
			.baseUnit("bytes")
			.tag("direction", verb.equals("RETR") ? "download" : "upload")
			.tag("outcome", succeeded ? "success" : "failure")
			.register(this.registry)
			.increment(bytes);
	}

}
