package dev.ftpgateway.pool;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * How sessions secure the connection to the FTP server (RFC 4217). When TLS is on, data
 * connections are protected too (PBSZ 0, PROT P).
 *
 * @param mode none, explicit (AUTH TLS) or implicit (TLS from the first byte)
 * @param contexts makes a new TLS context (trust and client key material) for each session;
 *        {@code null} only with {@link Mode#NONE}. A new one each time, because JSSE caches
 *        client sessions per context by server host and port: with one shared context, a
 *        session's data connection could resume another pooled session's control session,
 *        which vsftpd and proftpd refuse (522, 425)
 * @param protocols the TLS versions to offer, empty for the JDK's defaults; {@code TLSv1.2}
 *        caps servers whose session resumption breaks under TLS 1.3
 * @param hostnameVerification whether the certificate must name the configured host
 */
public record TlsSettings(Mode mode, Supplier<SSLContext> contexts, List<String> protocols,
		boolean hostnameVerification) {

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
			Objects.requireNonNull(contexts, "contexts");
		}
	}

	public boolean enabled() {
		return this.mode != Mode.NONE;
	}

}
