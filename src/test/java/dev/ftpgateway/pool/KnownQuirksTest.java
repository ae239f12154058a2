package dev.ftpgateway.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ftpgateway.testing.ScriptedFtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known server quirks applied by themselves unless set explicitly: TLS 1.2 for vsftpd and
 * proftpd, LIST rather than MLSD for proftpd; the pooled sessions of a scripted server whose
 * greeting names proftpd list with LIST.
 */
class KnownQuirksTest {

	private static final Duration SECOND = Duration.ofSeconds(1);

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private FtpSessionPool pool;

	KnownQuirksTest() throws IOException {
	}

	@AfterEach
	void close() {
		if (this.pool != null) {
			this.pool.close();
		}
		this.server.close();
	}

	@Test
	void vsftpdAndProftpdAreCappedAtTls12UnlessTheProtocolsAreSet() {
		KnownQuirks vsftpd = KnownQuirks.of(ServerSoftware.VSFTPD, settings(tls(List.of()), true, false));
		assertThat(vsftpd.tlsCapped()).hasValue("TLSv1.2");
		assertThat(vsftpd.applied()).singleElement().asString().startsWith("tls.protocols=TLSv1.2: vsftpd");
		assertThat(KnownQuirks.of(ServerSoftware.PROFTPD, settings(tls(List.of()), true, true)).tlsCapped())
			.hasValue("TLSv1.2");
		assertThat(KnownQuirks.of(ServerSoftware.VSFTPD, settings(tls(List.of("TLSv1.3")), true, false)))
			.isEqualTo(KnownQuirks.NONE);
		assertThat(KnownQuirks.of(ServerSoftware.VSFTPD, settings(TlsSettings.NONE, true, false)))
			.isEqualTo(KnownQuirks.NONE);
		assertThat(KnownQuirks.of(ServerSoftware.PURE_FTPD, settings(tls(List.of()), true, false)))
			.isEqualTo(KnownQuirks.NONE);
	}

	@Test
	void proftpdListsWithListUnlessUseMlsdIsSet() {
		KnownQuirks unset = KnownQuirks.of(ServerSoftware.PROFTPD, settings(TlsSettings.NONE, true, false));
		assertThat(unset.listWithList()).isTrue();
		assertThat(unset.applied()).singleElement().asString().startsWith("use-mlsd=false: proftpd");
		assertThat(KnownQuirks.of(ServerSoftware.PROFTPD, settings(TlsSettings.NONE, true, true)))
			.isEqualTo(KnownQuirks.NONE);
		assertThat(KnownQuirks.of(ServerSoftware.VSFTPD, settings(TlsSettings.NONE, true, false)))
			.isEqualTo(KnownQuirks.NONE);
	}

	@Test
	void pooledSessionsOfAProftpdListWithListUnlessUseMlsdIsSet() throws IOException {
		this.server.welcome("220 ProFTPD 1.3.8 Server (Debian) [127.0.0.1]");
		assertThat(listingCommand(false)).isEqualTo("LIST");
		assertThat(this.pool.knownQuirks().listWithList()).isTrue();
		this.pool.close();
		assertThat(listingCommand(true)).isEqualTo("MLSD");
		assertThat(this.pool.knownQuirks()).isEqualTo(KnownQuirks.NONE);
	}

	@Test
	void anotherServersSessionsKeepMlsd() throws IOException {
		assertThat(listingCommand(false)).isEqualTo("MLSD");
	}

	private String listingCommand(boolean explicit) throws IOException {
		this.pool = new FtpSessionPool(settings(TlsSettings.NONE, true, explicit),
				new PoolSettings(1, 0, 1, SECOND, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		try (Lease lease = this.pool.borrow()) {
			lease.client().list("/", (entry) -> {
			});
		}
		List<String> listings = this.server.commands().stream()
			.filter((command) -> command.startsWith("LIST") || command.startsWith("MLSD"))
			.map((command) -> command.split(" ")[0]).toList();
		return listings.get(listings.size() - 1);
	}

	private ConnectionSettings settings(TlsSettings tls, boolean useMlsd, boolean useMlsdExplicit) {
		return new ConnectionSettings(ScriptedFtpServer.HOST, this.server.port(), "user", "pw", true,
				StandardCharsets.UTF_8, SECOND, SECOND, SECOND, tls, Duration.ZERO, useMlsd, false, useMlsdExplicit);
	}

	private static TlsSettings tls(List<String> protocols) {
		return new TlsSettings(TlsSettings.Mode.EXPLICIT, () -> {
			throw new IllegalStateException("no TLS context needed to decide");
		}, protocols, true);
	}

}
