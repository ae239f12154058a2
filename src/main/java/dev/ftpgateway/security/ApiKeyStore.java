package dev.ftpgateway.security;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, held only as SHA-256 digests: a presented key is hashed and looked up,
 * so the keys themselves are never stored, compared character by character or logged.
 */
public final class ApiKeyStore {

	private final Map<String, ApiKey> byDigest = new HashMap<>();

	/**
	 * @param keys the keys, each with its {@code {sha256}hex} hash
	 * @throws IllegalArgumentException for a hash in another form or one given twice
	 */
	public ApiKeyStore(List<ApiKey> keys) {
		for (ApiKey key : keys) {
			if (this.byDigest.put(digestOf(key), key) != null) {
				throw new IllegalArgumentException("API key '" + key.name() + "' has the same hash as another key");
			}
		}
	}

	private static String digestOf(ApiKey key) {
		String hash = key.hash().trim();
		String hex = hash.startsWith(ApiKeyHash.PREFIX) ? hash.substring(ApiKeyHash.PREFIX.length()) : "";
		if (!hex.matches("[0-9a-fA-F]{64}")) {
			throw new IllegalArgumentException("API key '" + key.name() + "': hash must be {sha256} followed by "
					+ "64 hex digits (make one with ApiKeyHash)");
		}
		return hex.toLowerCase(Locale.ROOT);
	}

	/** The key whose hash matches {@code presented}, if any. */
	public Optional<ApiKey> find(String presented) {
		return Optional.ofNullable(this.byDigest.get(HexFormat.of().formatHex(ApiKeyHash.digest(presented))));
	}

	/**
	 * One configured key.
	 *
	 * @param name a name for logs and audit; never the key itself
	 * @param hash the key's hash, {@code {sha256}hex}
	 * @param scopes what the key may do
	 * @param servers the servers it may do that on; empty for every server
	 */
	public record ApiKey(String name, String hash, Set<FtpScope> scopes, Set<String> servers) {

		public ApiKey {
			scopes = Set.copyOf(scopes);
			servers = Set.copyOf(servers);
		}

		/** Leaves the hash out: it is not the key, but it is no business of a log either. */
		@Override
		public String toString() {
			return "ApiKey[" + this.name + ", " + this.scopes + (this.servers.isEmpty() ? "" : " on " + this.servers)
					+ "]";
		}

	}

}
