package dev.ftpgateway.security;

import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What a pass-through login is checked with besides the credentials: the client's address, which
 * the {@link LoginThrottle} keys attempts by, and the FTP server the request is for, which judges
 * the login.
 *
 * @param address the client's address ({@link ClientAddresses})
 * @param server the name of the server the request is for, empty when it names none and there is
 *        no default server
 */
public record LoginDetails(String address, Optional<String> server) {

	/**
	 * Builds a request's details.
	 * @param clients finds the client's address
	 * @param serverOf the name of the server a request is for, empty for none
	 */
	public static AuthenticationDetailsSource<HttpServletRequest, LoginDetails> source(ClientAddresses clients,
			Function<HttpServletRequest, Optional<String>> serverOf) {
		return (request) -> new LoginDetails(clients.of(request), serverOf.apply(request));
	}

}
