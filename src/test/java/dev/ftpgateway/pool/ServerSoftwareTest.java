package dev.ftpgateway.pool;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The software recognized from greetings and FEAT replies the lab servers send. */
class ServerSoftwareTest {

	@Test
	void greetingsNameTheirSoftwareInAnyCase() {
		assertThat(ServerSoftware.fromGreeting("220 (vsFTPd 3.0.3)")).isEqualTo(ServerSoftware.VSFTPD);
		assertThat(ServerSoftware.fromGreeting("220 ProFTPD Server (Debian) [::ffff:127.0.0.1]"))
			.isEqualTo(ServerSoftware.PROFTPD);
		assertThat(ServerSoftware.fromGreeting("220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------"))
			.isEqualTo(ServerSoftware.PURE_FTPD);
		assertThat(ServerSoftware.fromGreeting("220 pyftpdlib 1.5.9 ready.")).isEqualTo(ServerSoftware.PYFTPDLIB);
		assertThat(ServerSoftware.fromGreeting("220 Service ready for new user.")).isEqualTo(ServerSoftware.UNKNOWN);
		assertThat(ServerSoftware.fromGreeting(null)).isEqualTo(ServerSoftware.UNKNOWN);
	}

	@Test
	void featRepliesTellTheSoftwareWhenTheGreetingWasChanged() {
		assertThat(ServerSoftware.fromFeatures(features("EPRT", "EPSV", "MDTM", "PASV", "REST", "SIZE", "TVFS", "UTF8")))
			.isEqualTo(ServerSoftware.VSFTPD);
		assertThat(ServerSoftware.fromFeatures(features("CSID", "EPRT", "MLST", "SIZE"))).isEqualTo(ServerSoftware.PROFTPD);
		assertThat(ServerSoftware.fromFeatures(features("ESTA", "ESTP", "MLST"))).isEqualTo(ServerSoftware.PURE_FTPD);
		// MINA's: more than vsftpd announces, nothing of the others.
		assertThat(ServerSoftware.fromFeatures(features("EPRT", "EPSV", "MDTM", "PASV", "REST", "SIZE", "TVFS", "MLST")))
			.isEqualTo(ServerSoftware.UNKNOWN);
		assertThat(ServerSoftware.fromFeatures(Map.of())).isEqualTo(ServerSoftware.UNKNOWN);
	}

	private static Map<String, String> features(String... names) {
		Map<String, String> features = new LinkedHashMap<>();
		for (String name : names) {
			features.put(name, "");
		}
		return features;
	}

}
