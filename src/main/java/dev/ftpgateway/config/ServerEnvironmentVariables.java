package dev.ftpgateway.config;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds environment variables such as {@code FTP_GATEWAY_SERVERS_PARTNER_A_HOST} to
 * {@code ftp-gateway.servers.partner-a.host}. Spring Boot's relaxed binding does not: to find a
 * map's keys it turns every underscore of a variable's name into a dot, which matches neither the
 * dashed prefix {@code ftp-gateway} nor tells the server's name ({@code partner-a}) from the
 * setting's ({@code host}, {@code tls.ca-bundle}).
 * <p>
 * A variable is split at the longest setting name that ends it; what comes before, lower-cased
 * with dashes for underscores, is the server's name. The settings are read from
 * {@link FtpGatewayProperties.NamedServer}, so a new setting needs nothing here.
 */
class ServerEnvironmentVariables implements EnvironmentPostProcessor, Ordered {

	static final String PREFIX = "FTP_GATEWAY_SERVERS_";

	/** Each setting by its environment spelling, longest first: TLS_CA_BUNDLE -> tls.ca-bundle. */
	private static final Map<String, String> SETTINGS = settings();

	private final Log logger;

	ServerEnvironmentVariables(DeferredLogFactory logs) {
		this.logger = logs.getLog(ServerEnvironmentVariables.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		for (PropertySource<?> source : sources.stream().toList()) {
			if (source instanceof SystemEnvironmentPropertySource variables) {
				Map<String, Object> mapped = map(variables);
				if (!mapped.isEmpty()) {
					sources.addAfter(variables.getName(),
							new MapPropertySource(variables.getName() + "-ftp-gateway-servers", mapped));
				}
			}
		}
	}

	private Map<String, Object> map(SystemEnvironmentPropertySource variables) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		for (String variable : variables.getPropertyNames()) {
			if (!variable.startsWith(PREFIX)) {
				continue;
			}
			String property = property(variable.substring(PREFIX.length()));
			if (property != null) {
				mapped.put(property, variables.getProperty(variable));
			}
			else {
				this.logger.warn("Ignoring " + variable + ": it names no ftp-gateway.servers setting (see README, "
						+ "\"Several FTP servers\")");
			}
		}
		return mapped;
	}

	/** {@code PARTNER_A_TLS_MODE} -> {@code ftp-gateway.servers.partner-a.tls.mode}, or null. */
	static String property(String nameAndSetting) {
		for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
			String suffix = "_" + setting.getKey();
			if (nameAndSetting.endsWith(suffix) && nameAndSetting.length() > suffix.length()) {
				String name = nameAndSetting.substring(0, nameAndSetting.length() - suffix.length());
				return NoFtpBackendCondition.SERVERS_PROPERTY + "." + name.toLowerCase(Locale.ROOT).replace('_', '-')
						+ "." + setting.getValue();
			}
		}
		return null;
	}

	private static Map<String, String> settings() {
		List<String> names = new ArrayList<>();
		collect(FtpGatewayProperties.NamedServer.class, "", names);
		Map<String, String> settings = new LinkedHashMap<>();
		names.stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.forEach((name) -> settings.put(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), name));
		return settings;
	}

	/** The dashed names of a settings class's properties, nested groups of FtpGatewayProperties included. */
	private static void collect(Class<?> type, String prefix, List<String> names) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getReadMethod() == null || property.getName().equals("class")) {
				continue;
			}
			String name = prefix + property.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
			Class<?> valueType = property.getPropertyType();
			if (valueType.getDeclaringClass() == FtpGatewayProperties.class
					|| (valueType.getDeclaringClass() != null
							&& valueType.getDeclaringClass().getDeclaringClass() == FtpGatewayProperties.class)) {
				collect(valueType, name + ".", names);
			}
			else {
				names.add(name);
			}
		}
	}

	/** After Spring Boot's own processors have set up the environment's property sources. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
