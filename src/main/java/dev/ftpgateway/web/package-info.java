/**
 * The HTTP API: {@link dev.ftpgateway.web.FilesController} maps {@code /files} onto the
 * {@link dev.ftpgateway.files} operations through {@link dev.ftpgateway.web.DownloadService}
 * (ranges, conditionals, listings as JSON or text) and {@link dev.ftpgateway.web.UploadService};
 * {@link dev.ftpgateway.web.FtpProblemHandler} turns every failure into problem+json. Byte
 * pumping between the servlet container and the data connection is in
 * {@link dev.ftpgateway.web.transfer}; choosing an HTTP status for an FTP reply or a refused file
 * operation is in {@link dev.ftpgateway.web.problem}. Folders as HTML pages for browsers are in
 * {@link dev.ftpgateway.web.page}; HTML forms' uploads are read by {@link dev.ftpgateway.web.form}.
 */
package dev.ftpgateway.web;
