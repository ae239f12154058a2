package dev.ftpgateway.testing;

import java.io.IOException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded FTP server behind a {@link FaultProxy}, for one test class: register it on a
 * {@code static} field and point the client at {@link #port()}, the proxy's.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final ProxiedFtpServerExtension backend = new ProxiedFtpServerExtension();
 * </pre>
 */
public final class ProxiedFtpServerExtension implements BeforeAllCallback, AfterAllCallback {

	private final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	private FaultProxy proxy;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.ftp.beforeAll(context);
		this.proxy = new FaultProxy(this.ftp.port());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			this.proxy.close();
		}
		finally {
			this.ftp.afterAll(context);
		}
	}

	/** The server behind the proxy, e.g. to restart it or reach its folder. */
	public EmbeddedFtpServerExtension ftp() {
		return this.ftp;
	}

	/** The proxy, to inject faults. */
	public FaultProxy proxy() {
		return this.proxy;
	}

	/** The proxy's port: where a client reaches the server through it. */
	public int port() {
		return this.proxy.port();
	}

}
