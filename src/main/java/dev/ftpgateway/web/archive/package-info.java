/**
 * Folders downloaded as one archive: {@code ?archive=zip}, {@code ?archive=tar} or
 * {@code Accept: application/zip} on a folder ({@link dev.ftpgateway.web.archive.ArchiveController}),
 * written as ZIP or tar while {@link dev.ftpgateway.files.FolderArchives} reads the tree on one
 * session.
 */
package dev.ftpgateway.web.archive;
