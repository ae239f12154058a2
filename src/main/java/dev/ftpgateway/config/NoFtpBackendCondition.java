package dev.ftpgateway.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no FTP backend host is configured, blank counting as unset. */
class NoFtpBackendCondition implements Condition {

	static final String HOST_PROPERTY = "ftp-gateway.server.host";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !StringUtils.hasText(context.getEnvironment().getProperty(HOST_PROPERTY));
	}

}
