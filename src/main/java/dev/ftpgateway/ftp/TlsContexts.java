package dev.ftpgateway.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for an {@link FtpTlsClient}: which server certificates to
 * trust, and optionally which client certificate to present.
 */
public final class TlsContexts {

	private TlsContexts() {
	}

	/**
	 * Trusts the certificates of a trust store file (PKCS12 or JKS, detected from the content).
	 * @param clientKeyStore a key store holding the client certificate and key, or {@code null}
	 */
	public static SSLContext fromTrustStore(Path trustStore, char[] password, Path clientKeyStore,
			char[] clientKeyPassword) throws IOException, GeneralSecurityException {
		return create(trustManagers(KeyStore.getInstance(trustStore.toFile(), password)),
				keyManagers(clientKeyStore, clientKeyPassword));
	}

	/**
	 * Trusts the CA certificates of a PEM bundle (one or more {@code -----BEGIN CERTIFICATE-----}
	 * blocks), as curl's {@code --cacert} does.
	 * @param clientKeyStore a key store holding the client certificate and key, or {@code null}
	 */
	public static SSLContext fromPemBundle(Path pemBundle, Path clientKeyStore, char[] clientKeyPassword)
			throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		int index = 0;
		try (InputStream in = Files.newInputStream(pemBundle)) {
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("ca-" + index++, certificate);
			}
		}
		if (index == 0) {
			throw new GeneralSecurityException("No certificate in " + pemBundle);
		}
		return create(trustManagers(trusted), keyManagers(clientKeyStore, clientKeyPassword));
	}

	/**
	 * Trusts the JDK's default trust store and presents a client certificate.
	 * @param clientKeyStore a key store (PKCS12 or JKS) holding the client certificate and key
	 */
	public static SSLContext withClientCertificate(Path clientKeyStore, char[] clientKeyPassword)
			throws IOException, GeneralSecurityException {
		return create(trustManagers(null), keyManagers(clientKeyStore, clientKeyPassword));
	}

	/**
	 * Trusts any certificate at all. For tests against self-signed servers only: anyone on the
	 * path can read and change the traffic. Each use is logged as a warning; pair it with
	 * {@link FtpTlsClient#setHostnameVerification(boolean) setHostnameVerification(false)}.
	 */
	public static SSLContext insecureTrustingEverything() throws GeneralSecurityException {
		System.getLogger(TlsContexts.class.getName())
			.log(Level.WARNING, "FTPS certificate checks are OFF: any server can impersonate the FTP server. "
					+ "Never use this outside tests.");
		return create(new TrustManager[] { new TrustEverything() }, null);
	}

	private static SSLContext create(TrustManager[] trustManagers, KeyManager[] keyManagers)
			throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers, trustManagers, null);
		return context;
	}

	private static TrustManager[] trustManagers(KeyStore trusted) throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		return factory.getTrustManagers();
	}

	private static KeyManager[] keyManagers(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
		if (keyStore == null) {
			return null;
		}
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(KeyStore.getInstance(keyStore.toFile(), password), password);
		return factory.getKeyManagers();
	}

	/** Accepts every certificate chain: see {@link #insecureTrustingEverything()}. */
	private static final class TrustEverything implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
