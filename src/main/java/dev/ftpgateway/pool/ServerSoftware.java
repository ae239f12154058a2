package dev.ftpgateway.pool;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The FTP server software a session talks to, as far as the gateway needs to know it: the servers
 * whose quirks settings work around (README, "FTPS" and "Performance"), and the others the lab
 * runs. Recognized from the greeting, which names the software unless its operator changed it
 * (vsftpd's {@code ftpd_banner}, proftpd's {@code ServerIdent}), or else from the FEAT reply,
 * whose lines differ between servers.
 */
public enum ServerSoftware {

	VSFTPD("vsftpd"), PROFTPD("proftpd"), PURE_FTPD("pure-ftpd"), PYFTPDLIB("pyftpdlib"), UNKNOWN("unknown");

	/** What vsftpd 3.0.3 always announces in FEAT. */
	private static final Set<String> VSFTPD_FEATURES = Set.of("EPRT", "EPSV", "MDTM", "PASV", "REST", "SIZE", "TVFS");

	/** What vsftpd announces besides, with TLS and UTF-8 on; nothing else, and never MLST. */
	private static final Set<String> VSFTPD_OPTIONAL_FEATURES = Set.of("AUTH", "PBSZ", "PROT", "UTF8");

	/** Announced by proftpd (CSID by its core, SSCN by mod_tls) and by none of the other servers here. */
	private static final Set<String> PROFTPD_FEATURES = Set.of("CSID", "SSCN");

	/** pure-ftpd's own extensions for passive mode behind NAT. */
	private static final Set<String> PURE_FTPD_FEATURES = Set.of("ESTA", "ESTP");

	private final String label;

	ServerSoftware(String label) {
		this.label = label;
	}

	/** The name as the software spells it: {@code vsftpd}, {@code pure-ftpd}, {@code unknown}. */
	public String label() {
		return this.label;
	}

	/** The software a greeting names, e.g. {@code 220 (vsFTPd 3.0.3)}; {@link #UNKNOWN} when it names none. */
	public static ServerSoftware fromGreeting(String welcome) {
		String text = (welcome != null) ? welcome.toLowerCase(Locale.ROOT) : "";
		for (ServerSoftware software : values()) {
			if (software != UNKNOWN && text.contains(software.label)) {
				return software;
			}
		}
		return UNKNOWN;
	}

	/**
	 * The software whose FEAT reply looks like this one, from its names (as
	 * {@code FtpClient.features()} gives them); {@link #UNKNOWN} when none does. pyftpdlib's
	 * FEAT has nothing of its own.
	 */
	public static ServerSoftware fromFeatures(Map<String, String> features) {
		Set<String> names = features.keySet();
		if (names.stream().anyMatch(PROFTPD_FEATURES::contains)) {
			return PROFTPD;
		}
		if (names.stream().anyMatch(PURE_FTPD_FEATURES::contains)) {
			return PURE_FTPD;
		}
		boolean onlyVsftpds = names.stream()
			.allMatch((name) -> VSFTPD_FEATURES.contains(name) || VSFTPD_OPTIONAL_FEATURES.contains(name));
		if (onlyVsftpds && names.containsAll(VSFTPD_FEATURES)) {
			return VSFTPD;
		}
		return UNKNOWN;
	}

}
