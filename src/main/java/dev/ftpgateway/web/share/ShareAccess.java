package dev.ftpgateway.web.share;

import java.util.Locale;

import dev.ftpgateway.web.problem.GatewayProblems;

/** What a share link allows: reading a file or folder (GET, HEAD), or creating one file (PUT). */
public enum ShareAccess {

	READ, WRITE;

	/**
	 * The access named {@code value}, {@code read} or {@code write}.
	 * @throws org.springframework.web.ErrorResponseException 400 for anything else
	 */
	static ShareAccess of(String value) {
		for (ShareAccess access : values()) {
			if (access.name().toLowerCase(Locale.ROOT).equals(value)) {
				return access;
			}
		}
		throw GatewayProblems.badRequest("access must be \"read\" or \"write\"");
	}

}
