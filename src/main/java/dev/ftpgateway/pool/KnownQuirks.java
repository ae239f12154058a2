package dev.ftpgateway.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings the gateway applies by itself to sessions with server software whose quirks
 * would otherwise need a setting (measured against the lab servers; README, "FTPS" and
 * "Performance"), unless the setting was made explicitly: an explicit setting always wins.
 *
 * @param tlsCap the only TLS version to offer, or {@code null} for the configured ones
 * @param listWithList whether folders are listed with LIST although MLSD is on by default
 * @param applied what was applied and why, as an operator would set it
 */
public record KnownQuirks(String tlsCap, boolean listWithList, List<String> applied) {

	/** Nothing applied: an unrecognized server, or every setting made explicitly. */
	public static final KnownQuirks NONE = new KnownQuirks(null, false, List.of());

	/** The TLS version vsftpd and proftpd are capped at. */
	static final String TLS_1_2 = "TLSv1.2";

	public KnownQuirks {
		applied = List.copyOf(applied);
	}

	/** What applies to sessions with {@code software} under {@code settings}. */
	public static KnownQuirks of(ServerSoftware software, ConnectionSettings settings) {
		List<String> applied = new ArrayList<>();
		String tlsCap = null;
		boolean tlsUnset = settings.tls().enabled() && settings.tls().protocols().isEmpty();
		if (tlsUnset && software == ServerSoftware.VSFTPD) {
			// vsftpd 3.0.3 loses uploads under TLS 1.3 (../shared/lab/README.md).
			tlsCap = TLS_1_2;
			applied.add("tls.protocols=" + TLS_1_2 + ": vsftpd loses uploads under TLS 1.3");
		}
		else if (tlsUnset && software == ServerSoftware.PROFTPD) {
			// proftpd 1.3.8 sends no new session ticket on an upload's TLS 1.3 data connection.
			tlsCap = TLS_1_2;
			applied.add("tls.protocols=" + TLS_1_2 + ": under TLS 1.3 proftpd refuses the data connection after an "
					+ "upload (425)");
		}
		boolean listWithList = !settings.useMlsdExplicit() && settings.useMlsd() && software == ServerSoftware.PROFTPD;
		if (listWithList) {
			applied.add("use-mlsd=false: proftpd answers LIST about twice as fast as MLSD on large folders");
		}
		return new KnownQuirks(tlsCap, listWithList, applied);
	}

	/** The TLS version to cap at, if any. */
	public Optional<String> tlsCapped() {
		return Optional.ofNullable(this.tlsCap);
	}

}
