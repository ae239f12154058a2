package dev.ftpgateway.diagnose;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.SessionOpening;

/**
 * One line of the server list, told from the pool alone without contacting the server.
 *
 * @param name the server's name
 * @param host its host
 * @param port its control port
 * @param tls its TLS mode: {@code none}, {@code explicit} or {@code implicit}
 * @param isDefault whether {@code /files} serves it
 * @param status {@code up} when the latest session opened, or sessions are open and none
 *        failed to; {@code down} when the latest attempt to open one failed; {@code unknown}
 *        before any attempt
 * @param since when the latest attempt ended, or {@code null} before any
 * @param reason what failed, in the pool's words, when {@code down}; otherwise {@code null}
 */
public record ServerSummary(String name, String host, int port, String tls, boolean isDefault, String status,
		Instant since, String reason) {

	static final String UP = "up";

	static final String DOWN = "down";

	static final String UNKNOWN = "unknown";

	static ServerSummary of(ReportedServer server) {
		FtpSessionPool pool = server.pool();
		ConnectionSettings connection = pool.connection();
		Optional<SessionOpening> last = pool.lastOpening();
		String status = UNKNOWN;
		if (last.isPresent() && !last.get().succeeded()) {
			status = DOWN;
		}
		else if (last.isPresent() || pool.active() + pool.idle() > 0) {
			status = UP;
		}
		return new ServerSummary(server.name(), connection.host(), connection.port(), tlsMode(connection),
				server.isDefault(), status, last.map(SessionOpening::at).orElse(null),
				last.filter((opening) -> !opening.succeeded()).map((opening) -> opening.failure().getMessage())
					.orElse(null));
	}

	static String tlsMode(ConnectionSettings connection) {
		return connection.tls().mode().name().toLowerCase(Locale.ROOT);
	}

}
