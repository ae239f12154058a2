package dev.ftpgateway.pool;

import java.io.IOException;
import java.time.Duration;

import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.ftp.FtpException;

/**
 * Makes the sessions of the gateway's own login: after the server refused that login, no
 * session opens until the {@link LoginBackoff} has passed, and every other failure to open one
 * is worded by {@link BackendFailures} as what happened and where.
 */
final class GatewaySessionFactory extends FtpSessionFactory {

	private final ConnectionSettings settings;

	private final LoginBackoff backoff;

	GatewaySessionFactory(ConnectionSettings settings, Duration validateAfterIdle, FtpEventListener events,
			LoginBackoff backoff) {
		super(settings, validateAfterIdle, events);
		this.settings = settings;
		this.backoff = backoff;
	}

	@Override
	void beforeOpen() throws BackendLoginRefusedException {
		this.backoff.beforeLogin();
	}

	@Override
	void opened() {
		this.backoff.loggedIn();
	}

	@Override
	IOException failed(Step step, IOException ex) {
		if (step == Step.LOGIN && ex instanceof FtpException reply
				&& (reply.replyCode() == 530 || reply.replyCode() == 532)) {
			return this.backoff.refused(reply);
		}
		return BackendFailures.describe(this.settings, step, ex);
	}

}
