package dev.ftpgateway.web;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class SocketBuffersIT extends GatewayTestSupport {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void tomcatWritesThroughNativeSocketBuffersOf64KiBWhateverTheTransferBuffer() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProperty("socket.directBuffer")).hasToString("true");
		assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("65536");
		assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("65536");
	}

}
