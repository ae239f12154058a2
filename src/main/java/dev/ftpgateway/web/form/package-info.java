/**
 * HTML form uploads: {@link dev.ftpgateway.web.form.MultipartStream} reads a
 * {@code multipart/form-data} body part by part as it arrives, for
 * {@link dev.ftpgateway.web.FormUploadService} to stream each file into its upload.
 */
package dev.ftpgateway.web.form;
