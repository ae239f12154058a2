package dev.ftpgateway.web.share;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to {@code POST /shares}.
 *
 * @param url the absolute link, to hand out as it is
 * @param expiresAt when it stops working, ISO-8601 in UTC
 */
@Schema(description = "A signed link that works without other credentials until it expires")
public record ShareLink(
		@Schema(description = "The absolute link", example = "https://files.example.org/files/reports/q3.pdf?share=read.1767225600.L3JlcG9ydHMvcTMucGRm.c2lnbmF0dXJl") String url,
		@Schema(description = "When the link stops working", example = "2026-01-01T00:00:00Z") String expiresAt) {
}
