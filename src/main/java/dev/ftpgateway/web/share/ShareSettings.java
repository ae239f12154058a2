package dev.ftpgateway.web.share;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ShareController} needs from configuration, handed over as a bean by {@code config}.
 *
 * @param publicUrl the gateway's external URL, which links start with; null for the request's own
 * @param maxExpiresIn the longest lifetime a link may be given
 */
public record ShareSettings(@Nullable URI publicUrl, Duration maxExpiresIn) {
}
