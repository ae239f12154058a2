/**
 * Resumable uploads over the tus protocol 1.0.0 at {@code /uploads}: core, creation,
 * creation-with-upload, termination, expiration and checksum
 * ({@link dev.ftpgateway.web.tus.TusController}), with {@code X-HTTP-Method-Override} and the
 * protocol version check in {@link dev.ftpgateway.web.tus.TusProtocolFilter}. The uploads
 * themselves live on the FTP server ({@link dev.ftpgateway.files.PartialUploads}); this package
 * only maps HTTP onto them.
 */
package dev.ftpgateway.web.tus;
