package dev.ftpgateway.diagnose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLSession;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpTlsClient;
import dev.ftpgateway.pool.BackendUnavailableException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.ServerSoftware;

/**
 * Checks one FTP server on a session of its own, opened for the check as the pool opens its
 * sessions (never a pooled one, whose state could hide what a new session meets) and closed
 * after it. Every step is bounded by the server's connect, reply and data timeouts; a step that
 * fails is reported and the next one still runs.
 */
final class ServerCheck {

	/** The hash commands the report looks for in FEAT. */
	static final List<String> HASH_COMMANDS = List.of("HASH", "XSHA1", "XSHA", "XSHA256", "XSHA512", "XMD5", "XCRC",
			"MD5");

	/** What the clock check's file name starts with, so an operator recognizes one left behind. */
	static final String CLOCK_FILE_PREFIX = ".ftp-gateway-report-";

	/** The most listing bytes the data connection check reads; it needs to see data flow, not all of it. */
	private static final int MAX_LISTING_BYTES = 64 * 1024;

	private final Clock clock;

	ServerCheck(Clock clock) {
		this.clock = clock;
	}

	ServerReport run(ReportedServer server) {
		FtpSessionPool pool = server.pool();
		ConnectionSettings connection = pool.connection();
		Instant checkedAt = this.clock.instant();
		long started = System.nanoTime();
		FtpClient client;
		try {
			client = pool.openUnpooled();
		}
		catch (IOException ex) {
			return new ServerReport(server.name(), connection.host(), connection.port(),
					ServerSummary.tlsMode(connection), server.isDefault(), ServerSummary.DOWN, checkedAt, failure(ex),
					null, null, null, null, null, null, null, null, null, null, poolState(pool), List.of(), List.of(), List.of());
		}
		long loginMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		try {
			String welcome = client.getWelcome();
			String system = reply(client, "SYST");
			Map<String, String> features = features(client);
			ServerSoftware software = ServerSoftware.fromGreeting(welcome);
			if (software == ServerSoftware.UNKNOWN) {
				software = ServerSoftware.fromFeatures(features);
			}
			Long noopMillis = noopMillis(client);
			ServerReport.TlsSession tls = tlsSession(client);
			ServerReport.Clock serverClock = clock(client, server.reportFolder());
			ServerReport.DataConnection data = dataConnection(client, connection);
			ServerReport.Capabilities capabilities = capabilities(features);
			return new ServerReport(server.name(), connection.host(), connection.port(),
					ServerSummary.tlsMode(connection), server.isDefault(), ServerSummary.UP, checkedAt, null,
					software.label(), welcome, system, featureLines(features), capabilities, tls, loginMillis,
					noopMillis, serverClock, data, poolState(pool), pool.knownQuirks().applied(),
					Suggestions.of(server.prefix(), connection, features, software, data), List.of());
		}
		finally {
			quietly(client);
		}
	}

	private static ServerReport.Failure failure(IOException ex) {
		if (ex instanceof BackendUnavailableException backend) {
			return new ServerReport.Failure(backend.reason().name().toLowerCase(Locale.ROOT), ex.getMessage(),
					(backend.replyCode() >= 0) ? backend.replyCode() : null, backend.replyText());
		}
		if (ex instanceof FtpException reply) {
			// A 421 when connecting: the server's connection limit, which the pool keeps as it is.
			return new ServerReport.Failure("refused", ex.getMessage(), reply.replyCode(), reply.replyText());
		}
		return new ServerReport.Failure("failed", ex.toString(), null, null);
	}

	/** The reply to {@code command}, whether the server accepted it or not. */
	private static String reply(FtpClient client, String command) {
		try {
			return client.sendCommand(command);
		}
		catch (FtpException ex) {
			return ex.replyText();
		}
		catch (IOException ex) {
			return "(no reply: " + ex + ")";
		}
	}

	private static Map<String, String> features(FtpClient client) {
		try {
			return client.features();
		}
		catch (IOException ex) {
			return Map.of();
		}
	}

	private static List<String> featureLines(Map<String, String> features) {
		List<String> lines = new ArrayList<>();
		features.forEach((name, parameters) -> lines.add(parameters.isEmpty() ? name : name + " " + parameters));
		return lines;
	}

	private static ServerReport.Capabilities capabilities(Map<String, String> features) {
		String rest = features.getOrDefault("REST", "");
		return new ServerReport.Capabilities(features.containsKey("MLST"), features.containsKey("EPSV"),
				rest.toUpperCase(Locale.ROOT).contains("STREAM"), features.containsKey("UTF8"),
				features.containsKey("SIZE"), features.containsKey("MDTM"),
				HASH_COMMANDS.stream().filter(features::containsKey).toList());
	}

	private static Long noopMillis(FtpClient client) {
		long started = System.nanoTime();
		try {
			client.noop();
			return Duration.ofNanos(System.nanoTime() - started).toMillis();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static ServerReport.TlsSession tlsSession(FtpClient client) {
		if (client instanceof FtpTlsClient tls && tls.isControlSecure()) {
			SSLSession session = tls.controlSession();
			return new ServerReport.TlsSession(session.getProtocol(), session.getCipherSuite());
		}
		return null;
	}

	/**
	 * Uploads a small file to {@code folder}, reads its MDTM and deletes it. MDTM has whole
	 * seconds, so the offset is to within about a second plus the upload's time.
	 */
	private ServerReport.Clock clock(FtpClient client, String folder) {
		if (folder == null) {
			return new ServerReport.Clock("skipped", null, "no report-folder is configured for this server");
		}
		String path = (folder.endsWith("/") ? folder : folder + "/") + CLOCK_FILE_PREFIX + UUID.randomUUID() + ".txt";
		byte[] content = "ftp-gateway server report clock check\n".getBytes(StandardCharsets.US_ASCII);
		try {
			Instant before = this.clock.instant();
			client.storeBinary("STOR " + path, new ByteArrayInputStream(content));
			Instant after = this.clock.instant();
			Optional<Instant> modified = client.mdtm(path);
			if (modified.isEmpty()) {
				return new ServerReport.Clock("failed", null, "MDTM gave no time for " + path);
			}
			Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
			return new ServerReport.Clock("measured", Duration.between(middle, modified.get()).toSeconds(), path);
		}
		catch (IOException ex) {
			return new ServerReport.Clock("failed", null, "Uploading " + path + " failed: " + ex.getMessage());
		}
		finally {
			delete(client, path);
		}
	}

	private static void delete(FtpClient client, String path) {
		try {
			client.delete(path);
		}
		catch (IOException ex) {
			// Nothing was stored, or the session broke: nothing more to clean up from here.
		}
	}

	/** Opens one data connection for a LIST of the login folder and reads at most a little of it. */
	private static ServerReport.DataConnection dataConnection(FtpClient client, ConnectionSettings connection) {
		String mode = connection.passive() ? "passive" : "active";
		Boolean resumed = null;
		try {
			try (Socket data = client.transferCommand("LIST")) {
				InputStream in = data.getInputStream();
				in.readNBytes(MAX_LISTING_BYTES);
				if (client instanceof FtpTlsClient tls) {
					resumed = tls.isSessionReused(data);
				}
			}
		}
		catch (IOException ex) {
			return new ServerReport.DataConnection(mode, false, ex.getMessage(), null);
		}
		try {
			client.voidResponse();
		}
		catch (IOException ex) {
			// A listing longer than what was read ends with a 426 here: the data connection worked.
		}
		return new ServerReport.DataConnection(mode, true, null, resumed);
	}

	private static ServerReport.PoolState poolState(FtpSessionPool pool) {
		return new ServerReport.PoolState(pool.active(), pool.idle(), pool.waiting(), pool.maxTotal(), pool.created(),
				pool.destroyed());
	}

	private static void quietly(FtpClient client) {
		try {
			if (client.isConnected()) {
				client.quit();
			}
		}
		catch (IOException ex) {
			// The server closed first; closing below is all that is left.
		}
		try {
			client.close();
		}
		catch (IOException ex) {
			// Nothing more to release.
		}
	}

}
