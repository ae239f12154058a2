package dev.ftpgateway.config;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no FTP backend is configured: no ftp-gateway.server.host (blank counting as
 * unset) and no named server in ftp-gateway.servers.
 */
class NoFtpBackendCondition implements Condition {

	static final String HOST_PROPERTY = "ftp-gateway.server.host";

	static final String SERVERS_PROPERTY = "ftp-gateway.servers";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isDemo(context.getEnvironment());
	}

	/** Whether the gateway serves the embedded demo server, having no backend configured. */
	static boolean isDemo(Environment environment) {
		return !StringUtils.hasText(environment.getProperty(HOST_PROPERTY)) && Binder.get(environment)
			.bind(SERVERS_PROPERTY, Bindable.mapOf(String.class, Object.class))
			.map(Map::isEmpty)
			.orElse(true);
	}

}
