package dev.ftpgateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ftpgateway.actuate.AnyFtpServerHealth;
import dev.ftpgateway.actuate.FtpCommandMetrics;
import dev.ftpgateway.actuate.FtpHealthIndicator;
import dev.ftpgateway.actuate.FtpPoolMetrics;
import dev.ftpgateway.actuate.FtpStartupCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health, metrics and the start-up check for each server's session pool.
 * <p>
 * Two health contributors: {@code ftpServers} has one component per server
 * ({@code /actuator/health/ftpServers/partner-a}); {@code ftp}, in the readiness group, is the
 * only server's health when there is one, and with several is UP while any server answers
 * ({@link AnyFtpServerHealth}), so one server going down does not take the gateway out of
 * service for the others.
 */
@Configuration(proxyBeanMethods = false)
class FtpActuatorConfiguration {

	/**
	 * The longest a readiness probe waits for several servers' checks: below the Helm chart's
	 * 5 s probe timeout, whatever a hanging server does.
	 */
	static final Duration READINESS_WAIT = Duration.ofSeconds(3);

	@Bean
	ServerHealth serverHealth(BackendServers backends) {
		Map<String, FtpHealthIndicator> indicators = new LinkedHashMap<>();
		backends.all()
			.forEach((backend) -> indicators.put(backend.name(),
					new FtpHealthIndicator(backend.definition().unnamed() ? null : backend.name(), backend.pool())));
		return new ServerHealth(indicators);
	}

	/**
	 * The bean name makes the contributor "ftp", as the readiness group in application.yaml
	 * expects. {@link AnyFtpServerHealth} is closed (its threads stopped) with the context.
	 */
	@Bean
	HealthIndicator ftpHealthIndicator(ServerHealth servers) {
		if (servers.indicators().size() == 1) {
			return servers.indicators().values().iterator().next();
		}
		return new AnyFtpServerHealth(new LinkedHashMap<>(servers.indicators()), READINESS_WAIT);
	}

	@Bean
	CompositeHealthContributor ftpServers(ServerHealth servers) {
		Map<String, HealthContributor> components = new LinkedHashMap<>(servers.indicators());
		return CompositeHealthContributor.fromMap(components);
	}

	@Bean
	StartupChecks ftpStartupChecks(BackendServers backends) {
		return new StartupChecks(backends.all()
			.stream()
			.map((backend) -> new FtpStartupCheck(backend.definition().unnamed() ? null : backend.name(),
					backend.prefix(), backend.definition().unnamed() ? "ftp-gateway.pool" : backend.prefix() + ".pool",
					backend.pool()))
			.toList());
	}

	@Bean
	MeterBinder ftpPoolMetrics(BackendServers backends) {
		return (registry) -> backends.all()
			.forEach((backend) -> new FtpPoolMetrics(backend.name(), backend.pool()).bindTo(registry));
	}

	/** Each server's FTP clients report to meters tagged with the server's name. */
	@Bean
	ServerEventListeners ftpCommandMetrics(MeterRegistry registry) {
		return new ServerEventListeners((server) -> new FtpCommandMetrics(registry, server));
	}

	/** Each server's health indicator, by name. */
	record ServerHealth(Map<String, FtpHealthIndicator> indicators) {
	}

	/** Starts every server's start-up check, each on a thread of its own, once the application is ready. */
	record StartupChecks(List<FtpStartupCheck> checks) implements ApplicationListener<ApplicationReadyEvent> {

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.checks.forEach((check) -> check.onApplicationEvent(event));
		}

	}

}
