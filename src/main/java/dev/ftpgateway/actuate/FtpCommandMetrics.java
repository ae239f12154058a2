package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ftpgateway.ftp.FtpEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns one FTP server's client events into Micrometer meters tagged with the server's name: the
 * {@code ftp.commands} timer, tagged with the command and the class of its reply, with histogram
 * buckets ({@link #COMMAND_BUCKETS}) so a p99 can be computed, and the
 * {@code ftp.transfer.bytes} counter, tagged with the direction and whether the server confirmed
 * the transfer.
 * <p>
 * Each meter is looked up in the registry once and kept: a 1 KiB download sends four or five
 * commands, and building and registering a meter for each (tag sorting, id hashing) showed up
 * in its CPU profile.
 */
public class FtpCommandMetrics implements FtpEventListener {

	/**
	 * The histogram buckets of {@code ftp.commands}: from a loopback reply to a login across the
	 * world. Fixed and few, since every command, reply class and server multiplies them.
	 */
	static final Duration[] COMMAND_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30) };

	/** Verbs become tags only from this list, so an odd command cannot add time series without end. */
	private static final Set<String> KNOWN_VERBS = Set.of("USER", "PASS", "ACCT", "AUTH", "PBSZ", "PROT", "CCC",
			"FEAT", "OPTS", "TYPE", "NOOP", "QUIT", "PWD", "CWD", "CDUP", "MKD", "RMD", "DELE", "RNFR", "RNTO", "SIZE",
			"MDTM", "MLST", "MLSD", "LIST", "NLST", "RETR", "STOR", "APPE", "REST", "EPSV", "PASV", "EPRT", "PORT",
			"ABOR");

	private final MeterRegistry registry;

	private final String server;

	/** By tag values: the command (or OTHER) and the reply class, which both bound the set. */
	private final Map<CommandTags, Timer> commands = new ConcurrentHashMap<>();

	/** By direction (download first) and outcome (success first). */
	private final Counter[] transferBytes = new Counter[4];

	/**
	 * @param registry where the meters go
	 * @param server the server's name, for the {@code server} tag ({@code default} for the unnamed one)
	 */
	public FtpCommandMetrics(MeterRegistry registry, String server) {
		this.registry = registry;
		this.server = server;
		for (int i = 0; i < this.transferBytes.length; i++) {
			this.transferBytes[i] = Counter.builder("ftp.transfer.bytes")
				.description("Bytes moved over FTP data connections, counted when each transfer ends")
				.baseUnit("bytes")
				.tag("server", server)
				.tag("direction", (i < 2) ? "download" : "upload")
				.tag("outcome", (i % 2 == 0) ? "success" : "failure")
				.register(registry);
		}
	}

	@Override
	public void commandCompleted(String verb, int replyCode, Duration elapsed) {
		CommandTags tags = new CommandTags(KNOWN_VERBS.contains(verb) ? verb : "OTHER",
				(replyCode < 0) ? -1 : replyCode / 100);
		this.commands.computeIfAbsent(tags, this::timer).record(elapsed);
	}

	private Timer timer(CommandTags tags) {
		return Timer.builder("ftp.commands")
			.description("FTP commands, from sending to the reply")
			.tag("server", this.server)
			.tag("command", tags.command())
			.tag("reply", (tags.replyClass() < 0) ? "none" : tags.replyClass() + "xx")
			.serviceLevelObjectives(COMMAND_BUCKETS)
			.register(this.registry);
	}

	@Override
	public void transferCompleted(String verb, long bytes, boolean succeeded) {
		int direction = verb.equals("RETR") ? 0 : 2;
		this.transferBytes[direction + (succeeded ? 0 : 1)].increment(bytes);
	}

	private record CommandTags(String command, int replyClass) {
	}

}
