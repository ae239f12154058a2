package dev.ftpgateway.security;

import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * The identity provider's key set (JWKS), fetched at most once per {@code minInterval}, whatever
 * key ids the tokens name.
 * <p>
 * A token naming a key id the set lacks fetches it again, so a key the provider has just
 * published is picked up without a restart; but only when {@code minInterval} has passed since
 * the last fetch, so forged tokens with made-up key ids cannot make the gateway hammer the
 * provider (Spring's own source fetched once per unknown key id). The set is also fetched again
 * once it is {@code maxAge} old, so withdrawn keys stop being trusted. A failed fetch counts as a
 * fetch too and keeps the keys already known.
 */
public final class RateLimitedJwkSetSource implements JWKSource<SecurityContext> {

	private final URL url;

	private final ResourceRetriever retriever;

	private final Duration minInterval;

	private final Duration maxAge;

	private final Clock clock;

	private JWKSet keys = new JWKSet();

	private Instant lastFetch;

	/**
	 * @param url the provider's JWKS URL
	 * @param retriever fetches it, with its own timeouts and size limit
	 * @param minInterval the least time between two fetches
	 * @param maxAge how long a fetched set is used before it is fetched again
	 * @param clock the time
	 */
	public RateLimitedJwkSetSource(URL url, ResourceRetriever retriever, Duration minInterval, Duration maxAge,
			Clock clock) {
		this.url = url;
		this.retriever = retriever;
		this.minInterval = minInterval;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	@Override
	public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		Instant now = this.clock.instant();
		if (this.lastFetch == null || !now.isBefore(this.lastFetch.plus(this.maxAge))) {
			fetch(now);
		}
		List<JWK> matches = selector.select(this.keys);
		if (matches.isEmpty() && !now.isBefore(this.lastFetch.plus(this.minInterval))) {
			fetch(now);
			matches = selector.select(this.keys);
		}
		return matches;
	}

	private void fetch(Instant now) throws KeySourceException {
		boolean first = this.lastFetch == null;
		this.lastFetch = now;
		try {
			this.keys = JWKSet.parse(this.retriever.retrieveResource(this.url).getContent());
		}
		catch (IOException | ParseException ex) {
			if (first) {
				throw new RemoteKeySourceException("Could not fetch the identity provider's key set", ex);
			}
			// Keep the keys already known: a provider that is briefly down must not lock every caller out.
		}
	}

}
