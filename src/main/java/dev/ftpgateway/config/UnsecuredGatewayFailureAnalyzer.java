package dev.ftpgateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refusal to start unsecured in Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace to dig through. */
class UnsecuredGatewayFailureAnalyzer extends AbstractFailureAnalyzer<UnsecuredGatewayException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsecuredGatewayException cause) {
		return new FailureAnalysis("The gateway would serve the FTP server to anyone who can reach " + cause.address()
				+ ": no authentication mode is configured.",
				"Configure at least one of ftp-gateway.security.api-keys, ftp-gateway.security.pass-through.enabled, "
						+ "ftp-gateway.security.jwt.jwk-set-uri or ftp-gateway.security.anonymous.enabled "
						+ "(read-only by default), or bind to loopback with server.address=127.0.0.1 "
						+ "(see README, \"Security\").",
				cause);
	}

}
