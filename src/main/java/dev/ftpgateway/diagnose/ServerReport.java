package dev.ftpgateway.diagnose;

import java.time.Instant;
import java.util.List;

import dev.ftpgateway.transfers.TransferSnapshot;

/**
 * What a fresh check of one FTP server found. When the check could not open a session,
 * {@code status} is {@code down}, {@code failure} says why, and the fields the session would
 * have filled are {@code null}.
 *
 * @param name the server's name
 * @param host its host
 * @param port its control port
 * @param tls its TLS mode: {@code none}, {@code explicit} or {@code implicit}
 * @param isDefault whether {@code /files} serves it
 * @param status {@code up} when the check logged in, {@code down} when it could not
 * @param checkedAt when the check started
 * @param failure why the check could not log in, or {@code null}
 * @param software the server software as recognized from the greeting, else from FEAT:
 *        {@code vsftpd}, {@code proftpd}, {@code pure-ftpd}, {@code pyftpdlib} or {@code unknown}
 * @param welcome the greeting as the server sent it, e.g. {@code 220 (vsFTPd 3.0.3)}
 * @param system the reply to SYST
 * @param features the FEAT lines, each a feature and its parameters
 * @param capabilities what the gateway makes of FEAT
 * @param tlsSession the control connection's TLS protocol and cipher, or {@code null} without TLS
 * @param loginMillis how long connecting, securing the connection and logging in took
 * @param noopMillis the round-trip time of one NOOP
 * @param clock the server's clock against the gateway's
 * @param dataConnection whether a data connection (a LIST) could be opened
 * @param pool the pool of the gateway's sessions to the server
 * @param applied the settings the gateway applied by itself for this server's known quirks
 * @param suggestions settings the gateway suggests for this server
 * @param transfers the transfers to and from this server running now, as
 *        {@code /actuator/transfers} lists them
 */
public record ServerReport(String name, String host, int port, String tls, boolean isDefault, String status,
		Instant checkedAt, Failure failure, String software, String welcome, String system, List<String> features,
		Capabilities capabilities, TlsSession tlsSession, Long loginMillis, Long noopMillis, Clock clock,
		DataConnection dataConnection, PoolState pool, List<String> applied, List<String> suggestions,
		List<TransferSnapshot> transfers) {

	/** This report with the server's running transfers as they are now. */
	ServerReport withTransfers(List<TransferSnapshot> running) {
		return new ServerReport(this.name, this.host, this.port, this.tls, this.isDefault, this.status, this.checkedAt,
				this.failure, this.software, this.welcome, this.system, this.features, this.capabilities,
				this.tlsSession, this.loginMillis, this.noopMillis, this.clock, this.dataConnection, this.pool,
				this.applied, this.suggestions, running);
	}

	/**
	 * Why a session could not be opened.
	 *
	 * @param reason what failed, e.g. {@code connection_refused}, {@code tls_failed},
	 *        {@code login_refused}, {@code timeout}
	 * @param detail what happened and where, in the words of the gateway's 502s
	 * @param ftpCode the code of the FTP reply that caused it, or {@code null}
	 * @param ftpReply the text of that reply, or {@code null}
	 */
	public record Failure(String reason, String detail, Integer ftpCode, String ftpReply) {
	}

	/**
	 * The extensions the gateway uses, as FEAT announces them.
	 *
	 * @param mlsd MLSD and MLST (RFC 3659): exact listings and single-file facts
	 * @param epsv EPSV passive mode (RFC 2428), needed behind NAT and on IPv6
	 * @param restStream restarted transfers ({@code REST STREAM}): ranges and resumed downloads
	 * @param utf8 UTF-8 names (RFC 2640)
	 * @param size SIZE
	 * @param mdtm MDTM, the modification time of one file
	 * @param hashCommands the hash commands offered: HASH (draft-bryan-ftpext-hash), XSHA1, XSHA,
	 *        XSHA256, XSHA512, XMD5, XCRC, MD5
	 */
	public record Capabilities(boolean mlsd, boolean epsv, boolean restStream, boolean utf8, boolean size,
			boolean mdtm, List<String> hashCommands) {
	}

	/**
	 * The TLS session of the check's control connection.
	 *
	 * @param protocol e.g. {@code TLSv1.3}
	 * @param cipher the cipher suite
	 */
	public record TlsSession(String protocol, String cipher) {
	}

	/**
	 * The server's clock: the modification time MDTM gives for a file the check just uploaded to
	 * the report folder, against the gateway's clock when it was uploaded.
	 *
	 * @param outcome {@code measured}, {@code skipped} (no report folder configured) or
	 *        {@code failed}
	 * @param offsetSeconds how far the server's clock is ahead (negative: behind), to within a
	 *        second or two, when {@code measured}
	 * @param detail why it was skipped or failed, or the file measured with
	 */
	public record Clock(String outcome, Long offsetSeconds, String detail) {
	}

	/**
	 * One data connection, for a LIST of the login folder.
	 *
	 * @param mode {@code passive} or {@code active}
	 * @param works whether it opened and carried the listing
	 * @param detail what failed, or {@code null}
	 * @param tlsResumed with TLS, whether it resumed the control connection's TLS session (which
	 *        vsftpd and proftpd demand); {@code null} without TLS or when it did not open
	 */
	public record DataConnection(String mode, boolean works, String detail, Boolean tlsResumed) {
	}

	/**
	 * The pool of the gateway's own sessions.
	 *
	 * @param active sessions lent out now
	 * @param idle sessions waiting to be lent
	 * @param waiting requests waiting for a session
	 * @param maxTotal the most sessions the pool opens now
	 * @param opened sessions opened since the start
	 * @param closed sessions closed since the start
	 */
	public record PoolState(int active, int idle, int waiting, int maxTotal, long opened, long closed) {
	}

}
