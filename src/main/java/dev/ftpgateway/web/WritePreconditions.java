package dev.ftpgateway.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

import dev.ftpgateway.files.FileOperationException;
import dev.ftpgateway.files.FileVersion;
import dev.ftpgateway.files.Precondition;

/**
 * The preconditions of a write (PUT, DELETE, a move) from its request headers, evaluated as RFC
 * 9110 section 13.2.2 orders them: {@code If-Match}, else {@code If-Unmodified-Since}, then
 * {@code If-None-Match}. They protect against lost updates: a client that read a version
 * replaces or deletes exactly that version, or gets 412 and nothing is changed.
 */
final class WritePreconditions {

	private WritePreconditions() {
	}

	/** The request's preconditions, or {@link Precondition#NONE} when it states none. */
	static Precondition of(HttpServletRequest request) {
		String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
		long ifUnmodifiedSince = (ifMatch == null) ? dateHeader(request, HttpHeaders.IF_UNMODIFIED_SINCE) : -1;
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifMatch == null && ifUnmodifiedSince < 0 && ifNoneMatch == null) {
			return Precondition.NONE;
		}
		return (current) -> {
			if (ifMatch != null && !matches(ifMatch, current)) {
				throw FileOperationException.preconditionFailed(
						"The file is not the version If-Match names (it changed, or is gone); nothing was changed");
			}
			if (ifUnmodifiedSince >= 0 && modifiedSince(current, ifUnmodifiedSince)) {
				throw FileOperationException.preconditionFailed(
						"The file was modified after the If-Unmodified-Since time; nothing was changed");
			}
			if (ifNoneMatch != null && matches(ifNoneMatch, current)) {
				throw FileOperationException.preconditionFailed(ifNoneMatch.strip().equals("*")
						? "The file exists and If-None-Match: * forbids replacing it; nothing was changed"
						: "The file is a version If-None-Match names; nothing was changed");
			}
		};
	}

	/** Whether a list of entity tags (or {@code *}) names the current version, comparing strongly. */
	private static boolean matches(String header, Optional<FileVersion> current) {
		if (current.isEmpty()) {
			return false;
		}
		if (header.strip().equals("*")) {
			return true;
		}
		String etag = EntityTags.of(current.get().size(), current.get().modified().orElse(null));
		return etag != null && Arrays.stream(header.split(",")).map(String::strip).anyMatch(etag::equals);
	}

	/** HTTP dates have whole seconds: a time within the same second is not later. */
	private static boolean modifiedSince(Optional<FileVersion> current, long millis) {
		Optional<Instant> modified = current.flatMap(FileVersion::modified);
		return modified.isPresent()
				&& modified.get().truncatedTo(ChronoUnit.SECONDS).isAfter(Instant.ofEpochMilli(millis));
	}

	private static long dateHeader(HttpServletRequest request, String name) {
		try {
			return request.getDateHeader(name);
		}
		catch (IllegalArgumentException ex) {
			// RFC 9110 13.1.4: an invalid date is ignored.
			return -1;
		}
	}

}
