package dev.ftpgateway.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do below {@code /files}: {@code read} (GET, HEAD), {@code write} (PUT,
 * folder creation, moves) and {@code delete}, on every server ({@code SCOPE_read}) or on one
 * ({@code SCOPE_read:partner-a}); and {@code share}: hand out share links ({@code POST /shares})
 * for what it may read or write itself on the default server; {@code admin}: operate the
 * gateway (the server reports, {@code GET /servers} and {@code GET /servers/NAME}, and
 * {@code /actuator/transfers}: list and cancel every caller's transfers), which no caller holds
 * unless configured, not even in the open loopback demo. API keys, JWT scopes, pass-through
 * logins and anonymous access all end up as these authorities, so one set of rules
 * ({@link ServerAccess}) guards every mode.
 */
public enum FtpScope {

	READ, WRITE, DELETE, SHARE, ADMIN;

	/** The scope as written in settings and tokens: {@code read}, {@code write}, {@code delete}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The authority Spring Security checks, Spring's own convention for scopes: {@code SCOPE_read}. */
	public String authority() {
		return "SCOPE_" + value();
	}

	public GrantedAuthority grantedAuthority() {
		return new SimpleGrantedAuthority(authority());
	}

	/**
	 * The authority for this scope on one server only, as a JWT scope {@code read:partner-a}
	 * names it: {@code SCOPE_read:partner-a}.
	 */
	public String authority(String server) {
		return authority() + ":" + server;
	}

	/** This scope on each of {@code servers}, or on every server when {@code servers} is empty. */
	public List<GrantedAuthority> grantedAuthorities(Set<String> servers) {
		if (servers.isEmpty()) {
			return List.of(grantedAuthority());
		}
		return servers.stream().map((server) -> (GrantedAuthority) new SimpleGrantedAuthority(authority(server))).toList();
	}

	/**
	 * The scope named {@code value}, ignoring case.
	 * @throws IllegalArgumentException for anything but read, write, delete, share and admin
	 */
	public static FtpScope of(String value) {
		for (FtpScope scope : values()) {
			if (scope.value().equalsIgnoreCase(value.trim())) {
				return scope;
			}
		}
		throw new IllegalArgumentException("Unknown scope '" + value + "': use read, write, delete, share or admin");
	}

}
