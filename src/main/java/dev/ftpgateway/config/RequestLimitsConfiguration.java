package dev.ftpgateway.config;

import dev.ftpgateway.web.UploadLimitFilter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Limits on what one request may send, from {@code ftp-gateway.transfer.*}. */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	UploadLimitFilter uploadLimitFilter(FtpGatewayProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return new UploadLimitFilter(properties.getTransfer().getMaxUploadSize().toBytes(), resolver);
	}

}
