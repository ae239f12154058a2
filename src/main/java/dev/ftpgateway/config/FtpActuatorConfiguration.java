package dev.ftpgateway.config;

import dev.ftpgateway.actuate.FtpCommandMetrics;
import dev.ftpgateway.actuate.FtpHealthIndicator;
import dev.ftpgateway.actuate.FtpPoolMetrics;
import dev.ftpgateway.actuate.FtpStartupCheck;
import dev.ftpgateway.pool.FtpSessionPool;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health, metrics and the start-up check for the session pool. */
@Configuration(proxyBeanMethods = false)
class FtpActuatorConfiguration {

	/** The bean name makes the contributor "ftp", as the readiness group in application.yaml expects. */
	@Bean
	FtpHealthIndicator ftpHealthIndicator(FtpSessionPool pool) {
		return new FtpHealthIndicator(pool);
	}

	@Bean
	FtpStartupCheck ftpStartupCheck(FtpSessionPool pool) {
		return new FtpStartupCheck(pool);
	}

	@Bean
	FtpPoolMetrics ftpPoolMetrics(FtpSessionPool pool) {
		return new FtpPoolMetrics(pool);
	}

	@Bean
	FtpCommandMetrics ftpCommandMetrics(MeterRegistry registry) {
		return new FtpCommandMetrics(registry);
	}

}
