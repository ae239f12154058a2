package dev.ftpgateway.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ftpgateway.files.RemotePath;

/**
 * What one share link grants: {@code access} to {@code path} until {@code expiresAt}. A path
 * with a trailing slash is a folder, shared with everything below it; without one, exactly that
 * path. A write grant names one file, which the link may create but never replace.
 *
 * @param path the shared file or folder below the root
 * @param access what the link allows there
 * @param expiresAt the end of its validity, in whole seconds (the link carries seconds)
 */
public record ShareGrant(RemotePath path, Access access, Instant expiresAt) {

	public ShareGrant {
		if (access == Access.WRITE && path.hasTrailingSlash()) {
			throw new IllegalArgumentException("A write share names one file, not a folder: " + path);
		}
		expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
	}

	/** Whether a whole folder is shared. */
	public boolean folder() {
		return this.path.hasTrailingSlash();
	}

	/** The path as signed: decoded, normalised, with a trailing slash for a folder ({@code /} for the root). */
	String canonicalPath() {
		return (folder() && !this.path.isRoot()) ? this.path + "/" : this.path.toString();
	}

	/**
	 * Why this grant does not let {@code method} reach {@code requested}, or empty when it does.
	 * A folder grant reaches the folder and every path below it, compared name by name (so a
	 * grant of {@code /a/} never reaches {@code /a2/}); a file grant exactly that file.
	 */
	Optional<String> refusal(RemotePath requested, String method) {
		if (!this.access.methods().contains(method)) {
			return Optional.of("This share link allows " + String.join(" and ", this.access.methods()) + " only");
		}
		if (!covers(requested)) {
			return Optional.of(folder() ? "This share link is for the folder " + canonicalPath() + " and what it holds only"
					: "This share link is for " + canonicalPath() + " only");
		}
		return Optional.empty();
	}

	private boolean covers(RemotePath requested) {
		if (!folder()) {
			return !requested.hasTrailingSlash() && requested.equals(this.path);
		}
		List<String> shared = this.path.segments();
		List<String> asked = requested.segments();
		return asked.size() >= shared.size() && asked.subList(0, shared.size()).equals(shared);
	}

	/** What a share link allows: reading (GET, HEAD) or creating one file (PUT). */
	public enum Access {

		READ(FtpScope.READ, List.of("GET", "HEAD")), WRITE(FtpScope.WRITE, List.of("PUT"));

		private final FtpScope scope;

		private final List<String> methods;

		Access(FtpScope scope, List<String> methods) {
			this.scope = scope;
			this.methods = methods;
		}

		/** As written in links and requests: {@code read}, {@code write}. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The scope a caller needs to hand this access out. */
		public FtpScope scope() {
			return this.scope;
		}

		/** The HTTP methods it allows: the method class a link is signed for. */
		List<String> methods() {
			return this.methods;
		}

	}

}
