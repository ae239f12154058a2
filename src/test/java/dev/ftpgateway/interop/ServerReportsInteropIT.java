package dev.ftpgateway.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import dev.ftpgateway.diagnose.ReportedServer;
import dev.ftpgateway.diagnose.ServerReport;
import dev.ftpgateway.diagnose.ServerReports;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.ftp.TlsContexts;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.transfers.RunningTransfers;
import dev.ftpgateway.transfers.TransferListener;
import dev.ftpgateway.pool.TlsSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server report against each lab server, plain and FTPS, with neither tls.protocols nor
 * use-mlsd set, so the known quirks apply by themselves: the software is recognized from the lab's
 * banners, vsftpd offers no MLST while the others do, proftpd offers no hash commands (the lab
 * loads no mod_digest; the proftpd with mod_digest .ci/interop starts as root, named by
 * {@code interop.digest-server}, offers them), vsftpd and proftpd get TLS 1.2 and resume the TLS session on data
 * connections (they refuse them otherwise), proftpd lists with LIST, and the clock is measured in
 * the lab's writable {@code upload/} folder.
 * <p>
 * Runs with {@code -Pinterop} and the {@code interop.servers}, {@code interop.tls-servers} and
 * {@code interop.ca-bundle} properties .ci/interop passes; a TLS entry's protocol is ignored here.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServerReportsInteropIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final RunningTransfers NO_TRANSFERS = new RunningTransfers(Clock.systemUTC(), TransferListener.NONE);

	/** The lab's writable folder. */
	private static final String UPLOAD = "/upload";

	/** Lab and gateway share one clock; more than this is a time zone or MDTM bug. */
	private static final long MAX_CLOCK_OFFSET_SECONDS = 60;

	@BeforeAll
	static void requireServers() {
		assumeTrue(System.getProperty("interop.servers") != null, "interop.servers not set: run .ci/interop");
	}

	static Stream<LabServer> servers() {
		Stream<LabServer> plain = entries("interop.servers").map((spec) -> LabServer.parse(spec, false));
		Stream<LabServer> tls = entries("interop.tls-servers").map((spec) -> LabServer.parse(spec, true));
		return Stream.concat(plain, tls);
	}

	private static Stream<String> entries(String property) {
		return Arrays.stream(System.getProperty(property, "").split(",")).map(String::trim).filter((s) -> !s.isEmpty());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void theReportSaysWhatEachLabServerIsAndWhatWasApplied(LabServer server) {
		try (FtpSessionPool pool = new FtpSessionPool(server.name(), server.settings(), new PoolSettings(2, 0, 2,
				TIMEOUT, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(10)), FtpEventListener.NONE)) {
			ServerReport report = new ServerReports(
					List.of(new ReportedServer(server.name(), "ftp-gateway.servers." + server.name(), false, pool, UPLOAD)),
					NO_TRANSFERS)
				.check(server.name())
				.orElseThrow();
			assertThat(report.status()).as(String.valueOf(report.failure())).isEqualTo("up");
			String software = server.software();
			assertThat(report.software()).isEqualTo(software);
			assertThat(report.capabilities().mlsd()).isEqualTo(!software.equals("vsftpd"));
			if (software.equals("proftpd")) {
				assertThat(report.capabilities().hashCommands()).doesNotContain("HASH");
				assertThat(report.applied()).anyMatch((line) -> line.startsWith("use-mlsd=false"));
			}
			assertThat(report.clock().outcome()).as(report.clock().detail()).isEqualTo("measured");
			assertThat(Math.abs(report.clock().offsetSeconds())).isLessThanOrEqualTo(MAX_CLOCK_OFFSET_SECONDS);
			assertThat(report.dataConnection().works()).as(report.dataConnection().detail()).isTrue();
			assertThat(report.loginMillis()).isNotNull();
			assertThat(report.noopMillis()).isNotNull();
			if (server.tls()) {
				assertThat(report.tlsSession()).isNotNull();
				if (software.equals("vsftpd") || software.equals("proftpd")) {
					assertThat(report.tlsSession().protocol()).isEqualTo("TLSv1.2");
					assertThat(report.applied()).anyMatch((line) -> line.startsWith("tls.protocols=TLSv1.2"));
					assertThat(report.dataConnection().tlsResumed()).isTrue();
				}
			}
			else {
				assertThat(report.tlsSession()).isNull();
			}
		}
	}

	@Test
	void aProftpdWithModDigestOffersItsHashCommands() {
		String digestServer = System.getProperty("interop.digest-server");
		assumeTrue(digestServer != null, "interop.digest-server not set: run .ci/interop as root");
		LabServer server = LabServer.parse("proftpd-digest=" + digestServer, false);
		try (FtpSessionPool pool = new FtpSessionPool(server.name(), server.settings(), new PoolSettings(1, 0, 1,
				TIMEOUT, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(10)), FtpEventListener.NONE)) {
			ServerReport report = new ServerReports(
					List.of(new ReportedServer(server.name(), "ftp-gateway.server", true, pool, null)),
					NO_TRANSFERS)
				.check(server.name())
				.orElseThrow();
			assertThat(report.software()).isEqualTo("proftpd");
			assertThat(report.capabilities().hashCommands()).contains("HASH");
		}
	}

	/** One lab server, from {@code name=host:port} or {@code name=host:port:mode[:protocol]}. */
	record LabServer(String name, String host, int port, TlsSettings.Mode mode) {

		static LabServer parse(String spec, boolean tls) {
			String[] nameAndRest = spec.split("=", 2);
			String[] parts = nameAndRest[1].split(":");
			TlsSettings.Mode mode = tls ? TlsSettings.Mode.valueOf(parts[2].toUpperCase(Locale.ROOT)) : TlsSettings.Mode.NONE;
			return new LabServer(nameAndRest[0], parts[0], Integer.parseInt(parts[1]), mode);
		}

		boolean tls() {
			return this.mode != TlsSettings.Mode.NONE;
		}

		/** The software the lab runs under this name: vsftpd-tls is vsftpd. */
		String software() {
			return Stream.of("vsftpd", "proftpd", "pure-ftpd", "pyftpdlib")
				.filter(this.name::startsWith)
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Not a lab server name: " + this.name));
		}

		ConnectionSettings settings() {
			TlsSettings tls = tls() ? new TlsSettings(this.mode, LabServer::labTrust, List.of(), true) : TlsSettings.NONE;
			// useMlsd unset and no protocols: the quirks decide.
			return new ConnectionSettings(this.host, this.port, System.getProperty("interop.user", "labuser"),
					System.getProperty("interop.password", "labpass"), true, StandardCharsets.UTF_8, TIMEOUT, TIMEOUT,
					TIMEOUT, tls, Duration.ZERO, true, false, false);
		}

		private static SSLContext labTrust() {
			try {
				return TlsContexts.fromPemBundle(Path.of(System.getProperty("interop.ca-bundle")), null, null);
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return this.name + " " + this.host + ":" + this.port;
		}

	}

}
