package dev.ftpgateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind a request, as the login throttle keys it: the connection's
 * peer, unless that peer is one of the configured reverse proxies. Then it is the rightmost
 * {@code X-Forwarded-For} entry that is not a trusted proxy itself: each proxy appends the
 * address it was connected from, so entries further left were written by the client and prove
 * nothing. Headers from any other peer are ignored, so a client cannot pick a new address for
 * each guess.
 */
public final class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	/** Only literals are parsed: anything else would make InetAddress ask the DNS. */
	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

	private final List<Range> trustedProxies = new ArrayList<>();

	/**
	 * @param trustedProxies addresses or CIDR ranges of the reverse proxies in front of the
	 *        gateway, such as {@code 10.0.0.7} or {@code 10.0.0.0/8}
	 * @throws IllegalArgumentException for an entry that is neither
	 */
	public ClientAddresses(List<String> trustedProxies) {
		for (String proxy : trustedProxies) {
			this.trustedProxies.add(Range.parse(proxy.trim()));
		}
	}

	/** The client address of {@code request}. */
	public String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!isTrustedProxy(peer)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.trim());
				}
			}
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			if (!isTrustedProxy(hops.get(i))) {
				return hops.get(i);
			}
		}
		// Every hop is a proxy of ours: the request started inside.
		return hops.isEmpty() ? peer : hops.get(0);
	}

	private boolean isTrustedProxy(String address) {
		InetAddress parsed = literal(address);
		return parsed != null && this.trustedProxies.stream().anyMatch((range) -> range.contains(parsed));
	}

	private static InetAddress literal(String text) {
		String bare = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(bare);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address and the number of leading bits that must match it. */
	private record Range(byte[] address, int prefix) {

		static Range parse(String text) {
			int slash = text.indexOf('/');
			InetAddress address = literal((slash < 0) ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: '" + text + "'");
			}
			int bits = address.getAddress().length * 8;
			int prefix;
			try {
				prefix = (slash < 0) ? bits : Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: '" + text + "'", ex);
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("Prefix out of range in '" + text + "'");
			}
			return new Range(address.getAddress(), prefix);
		}

		boolean contains(InetAddress candidate) {
			byte[] bytes = candidate.getAddress();
			if (bytes.length != this.address.length) {
				return false;
			}
			for (int bit = 0; bit < this.prefix; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((bytes[bit / 8] & mask) != (this.address[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
