package dev.ftpgateway.web;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class SocketBuffersIT extends GatewayTestSupport {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void jettyReadsClientSocketsIn64KiBPieces() {
		Server server = ((JettyWebServer) this.context.getWebServer()).getServer();
		assertThat(server.getConnectors()).isNotEmpty().allSatisfy((connector) ->
				assertThat(connector.getConnectionFactory(HttpConnectionFactory.class).getInputBufferSize()).isEqualTo(65536));
	}

}
