/**
 * {@code POST /shares}: signed links to a file or folder that work without other credentials.
 * Signing, and checking that the caller may share, is the security layer's, reached through
 * {@link dev.ftpgateway.web.share.ShareSigner}; the links themselves are ordinary
 * {@code /files} URLs with a {@code share} query parameter.
 */
package dev.ftpgateway.web.share;
