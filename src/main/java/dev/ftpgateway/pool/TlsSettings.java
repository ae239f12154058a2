package dev.ftpgateway.pool;

import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How sessions secure the connection to the FTP server (RFC 4217). When TLS is on, data
 * connections are protected too (PBSZ 0, PROT P).
 *
 * @param mode none, explicit (AUTH TLS) or implicit (TLS from the first byte)
 * @param context trust and client key material; {@code null} only with {@link Mode#NONE}
 * @param protocols the TLS versions to offer, empty for the JDK's defaults; {@code TLSv1.2}
 *        caps servers whose session resumption breaks under TLS 1.3
 * @param hostnameVerification whether the certificate must name the configured host
 */
public record TlsSettings(Mode mode, SSLContext context, List<String> protocols, boolean hostnameVerification) {

	/** Plain FTP. */
	public static final TlsSettings NONE = new TlsSettings(Mode.NONE, null, List.of(), true);

	/** Where TLS starts, if anywhere. */
	public enum Mode {

		/** Plain FTP. */
		NONE,

		/** AUTH TLS on the control connection before login. */
		EXPLICIT,

		/** TLS from the first byte, as on port 990. */
		IMPLICIT

	}

	public TlsSettings {
		Objects.requireNonNull(mode, "mode");
		protocols = List.copyOf(protocols);
		if (mode != Mode.NONE) {
			Objects.requireNonNull(context, "context");
		}
	}

	public boolean enabled() {
		return this.mode != Mode.NONE;
	}

}
