package dev.ftpgateway.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.ServerSoftware;

/** The settings a report suggests for one server, from what its check found. */
final class Suggestions {

	private static final String TLS_1_3 = "TLSv1.3";

	private Suggestions() {
	}

	/** @param prefix where the server's settings are: {@code ftp-gateway.servers.partner-a} */
	static List<String> of(String prefix, ConnectionSettings connection, Map<String, String> features,
			ServerSoftware software, ServerReport.DataConnection data) {
		List<String> suggestions = new ArrayList<>();
		boolean cappable = software == ServerSoftware.VSFTPD || software == ServerSoftware.PROFTPD;
		List<String> protocols = connection.tls().protocols();
		if (connection.tls().enabled() && cappable && protocols.stream().anyMatch(TLS_1_3::equals)) {
			suggestions.add("Cap TLS at 1.2 for this " + software.label() + ": " + prefix + ".tls.protocols=TLSv1.2 ("
					+ "under TLS 1.3 vsftpd loses uploads and proftpd refuses the data connection after one)");
		}
		if (software == ServerSoftware.PROFTPD && connection.useMlsdExplicit() && connection.useMlsd()
				&& features.containsKey("MLST")) {
			suggestions.add(prefix + ".use-mlsd=false is faster here: proftpd answers LIST about twice as fast as MLSD "
					+ "on large folders (times then to the minute, in the server's local time)");
		}
		boolean offersTls = features.getOrDefault("AUTH", "").toUpperCase(Locale.ROOT).contains("TLS");
		if (!connection.tls().enabled() && offersTls) {
			suggestions.add(prefix + ".tls.mode=explicit: the server offers TLS (AUTH TLS), and without it the "
					+ "password and the files cross the network in the clear");
		}
		if (connection.useMlsd() && !features.containsKey("MLST")) {
			suggestions.add(prefix + ".use-mlsd has no effect here: the server offers no MLSD, so folders are listed "
					+ "with LIST (times in the server's local time, to the minute)");
		}
		if (!data.works() && connection.passive()) {
			suggestions.add("Passive data connections fail: let the gateway reach the server's passive port range "
					+ "(firewall, NAT, the address the server announces in its PASV/EPSV replies)");
		}
		return suggestions;
	}

}
