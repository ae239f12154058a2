package dev.ftpgateway.config;

import java.time.Clock;

import dev.ftpgateway.actuate.FtpTransferMetrics;
import dev.ftpgateway.actuate.TransfersEndpoint;
import dev.ftpgateway.transfers.RunningTransfers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The list of running transfers, its metrics and {@code /actuator/transfers}. */
@Configuration(proxyBeanMethods = false)
class TransfersConfiguration {

	@Bean
	RunningTransfers runningTransfers(MeterRegistry registry) {
		return new RunningTransfers(Clock.systemUTC(), new FtpTransferMetrics(registry));
	}

	@Bean
	TransfersEndpoint transfersEndpoint(RunningTransfers transfers) {
		return new TransfersEndpoint(transfers);
	}

}
