package dev.ftpgateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * Writes the RFC 9457 problem+json bodies of the security layer, which answers in filters
 * before Spring MVC's problem handling is reached. Details are fixed texts of ours, at most with
 * a server name of letters, digits and dashes from the path: no credential is ever echoed.
 */
final class ProblemResponses {

	static final String PROBLEM_JSON = "application/problem+json";

	private ProblemResponses() {
	}

	static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		// No charset parameter: JSON is UTF-8 by definition, and the MVC problems carry none either.
		response.setContentType(PROBLEM_JSON);
		String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
