package dev.ftpgateway.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTest {

	private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		assertThat(this.addresses.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
	}

	@Test
	void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
		// The client wrote 198.51.100.1 itself; the proxy appended the address it saw, 203.0.113.5.
		assertThat(this.addresses.of(request("10.1.2.3", "198.51.100.1, 203.0.113.5"))).isEqualTo("203.0.113.5");
		assertThat(this.addresses.of(request("192.0.2.7", "198.51.100.1, 203.0.113.5, 10.9.9.9")))
			.as("a chain of trusted proxies")
			.isEqualTo("203.0.113.5");
	}

	@Test
	void forwardedForHeadersAreReadInOrder() {
		MockHttpServletRequest request = request("fd00::1", "198.51.100.1");
		request.addHeader(ClientAddresses.FORWARDED_FOR, "203.0.113.9");
		assertThat(this.addresses.of(request)).isEqualTo("203.0.113.9");
	}

	@Test
	void aTrustedProxyWithoutForwardedForIsTheClient() {
		assertThat(this.addresses.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
	}

	@Test
	void withoutTrustedProxiesForwardedForIsNeverRead() {
		assertThat(new ClientAddresses(List.of()).of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("127.0.0.1");
	}

	@Test
	void entriesThatAreNoAddressAreRefusedAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("proxy.example.org")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files/");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader(ClientAddresses.FORWARDED_FOR, forwardedFor);
		}
		return request;
	}

}
