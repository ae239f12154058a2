package dev.ftpgateway.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do below {@code /files}: {@code read} (GET, HEAD), {@code write} (PUT,
 * folder creation, moves) and {@code delete}; and {@code share}: hand out share links
 * ({@code POST /shares}) for what it may read or write itself. API keys, JWT scopes, pass-through
 * logins and anonymous access all end up as these authorities, so one set of rules guards every
 * mode.
 */
public enum FtpScope {

	READ, WRITE, DELETE, SHARE;

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
	 * The scope named {@code value}, ignoring case.
	 * @throws IllegalArgumentException for anything but read, write, delete and share
	 */
	public static FtpScope of(String value) {
		for (FtpScope scope : values()) {
			if (scope.value().equalsIgnoreCase(value.trim())) {
				return scope;
			}
		}
		throw new IllegalArgumentException("Unknown scope '" + value + "': use read, write, delete or share");
	}

}
