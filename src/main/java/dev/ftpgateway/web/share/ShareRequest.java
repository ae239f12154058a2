package dev.ftpgateway.web.share;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /shares}.
 *
 * @param path the file or folder to share, below the root, not percent-encoded
 * @param access {@code read} or {@code write}
 * @param expiresIn the link's lifetime, an ISO-8601 duration
 */
@Schema(description = "A share link to make")
public record ShareRequest(
		@Schema(description = "File, or folder ending in / (shared with everything below it), not percent-encoded",
				example = "/reports/q3.pdf", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String path,
		@Schema(description = "read (GET, HEAD) or write (one PUT that creates the file)", example = "read",
				allowableValues = { "read", "write" }, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String access,
		@Schema(description = "Lifetime, an ISO-8601 duration, at most ftp-gateway.shares.max-expires-in",
				example = "PT1H", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String expiresIn) {
}
