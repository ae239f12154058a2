package dev.ftpgateway.config;

import java.util.Map;

import dev.ftpgateway.FtpGatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A default deployment (a backend, no security settings, all interfaces) exposes nothing: it does not start. */
@ExtendWith(OutputCaptureExtension.class)
class UnsecuredStartIT {

	@Test
	void theGatewayRefusesToStartUnsecuredOnAllInterfacesAndSaysWhatToDo(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FtpGatewayApplication.class);
		application.setDefaultProperties(Map.of("ftp-gateway.server.host", "127.0.0.1", "server.port", "0"));
		assertThatExceptionOfType(Exception.class).isThrownBy(application::run)
			.withRootCauseInstanceOf(UnsecuredGatewayException.class);
		assertThat(output).contains("APPLICATION FAILED TO START", "no authentication mode is configured",
				"ftp-gateway.security.api-keys", "server.address=127.0.0.1");
	}

}
