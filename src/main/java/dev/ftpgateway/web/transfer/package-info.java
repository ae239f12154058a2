/**
 * Moves bytes between the servlet container and an opened download or upload: one bounded
 * buffer per transfer ({@link dev.ftpgateway.web.transfer.TransferCopier}), pooled direct
 * buffers past the response wrappers, and which side a failure belongs to (the client's or the
 * FTP server's) for logs and metrics.
 */
package dev.ftpgateway.web.transfer;
