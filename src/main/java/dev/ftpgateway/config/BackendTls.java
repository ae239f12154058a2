package dev.ftpgateway.config;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import dev.ftpgateway.ftp.TlsContexts;
import dev.ftpgateway.pool.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Turns a server's {@code tls} properties into the pool's {@link TlsSettings}. */
final class BackendTls {

	private static final Log logger = LogFactory.getLog(BackendTls.class);

	private BackendTls() {
	}

	/** @param prefix where the settings are, for messages: {@code ftp-gateway.server.tls} */
	static TlsSettings settings(FtpGatewayProperties.Server.Tls tls, String prefix) {
		if (tls.getMode() == TlsSettings.Mode.NONE) {
			return TlsSettings.NONE;
		}
		boolean verifyHostname = tls.isHostnameVerification() && !tls.isInsecureTrustAll();
		if (tls.isInsecureTrustAll()) {
			logger.warn(prefix + ".insecure-trust-all is ON: the FTP server's certificate is not "
					+ "checked, so anyone on the network path can impersonate it. Use it for tests only.");
		}
		// Built once now, so a bad file fails at start-up, then once per session (see TlsSettings).
		context(tls, prefix);
		return new TlsSettings(tls.getMode(), () -> context(tls, prefix), tls.getProtocols(), verifyHostname);
	}

	private static SSLContext context(FtpGatewayProperties.Server.Tls tls, String prefix) {
		char[] clientPassword = tls.getClientKeyStorePassword().toCharArray();
		try {
			if (tls.isInsecureTrustAll()) {
				return TlsContexts.insecureTrustingEverything();
			}
			if (tls.getCaBundle() != null) {
				return TlsContexts.fromPemBundle(tls.getCaBundle(), tls.getClientKeyStore(), clientPassword);
			}
			if (tls.getTrustStore() != null) {
				return TlsContexts.fromTrustStore(tls.getTrustStore(), tls.getTrustStorePassword().toCharArray(),
						tls.getClientKeyStore(), clientPassword);
			}
			if (tls.getClientKeyStore() != null) {
				return TlsContexts.withClientCertificate(tls.getClientKeyStore(), clientPassword);
			}
			// Not SSLContext.getDefault(): that one instance, and its session cache, is shared.
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, null, null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot set up FTPS from " + prefix + ": " + ex.getMessage(), ex);
		}
	}

}
