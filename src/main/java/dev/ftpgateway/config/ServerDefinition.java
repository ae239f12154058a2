package dev.ftpgateway.config;

/**
 * One FTP server the gateway serves, as configured.
 *
 * @param name the server's name in routes, settings and logs: a named server's key, or
 *        {@value ServerDefinitions#UNNAMED} for ftp-gateway.server
 * @param prefix where its settings are, for messages: {@code ftp-gateway.servers.partner-a}
 * @param settings its connection settings
 * @param pool its pool's sizes and timings
 * @param unnamed whether it is ftp-gateway.server rather than a named server
 */
record ServerDefinition(String name, String prefix, FtpGatewayProperties.Server settings,
		FtpGatewayProperties.SessionPool pool, boolean unnamed) {

	/** The full name of one of its settings, e.g. {@code ftp-gateway.servers.partner-a.host}. */
	String property(String setting) {
		return this.prefix + "." + setting;
	}

}
