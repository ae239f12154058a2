package dev.ftpgateway.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ftpgateway.pool.ConnectionSettings;

/** The settings a report suggests for one server, from what its check found. */
final class Suggestions {

	private Suggestions() {
	}

	/** @param prefix where the server's settings are: {@code ftp-gateway.servers.partner-a} */
	static List<String> of(String prefix, ConnectionSettings connection, Map<String, String> features,
			ServerReport.DataConnection data) {
		List<String> suggestions = new ArrayList<>();
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
