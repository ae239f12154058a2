/**
 * Folders as HTML pages for browsers: {@link dev.ftpgateway.web.page.FolderPages} answers a folder
 * request that prefers HTML ({@link dev.ftpgateway.web.page.HtmlNegotiation}), streaming the rows
 * {@link dev.ftpgateway.web.page.FolderPage} renders; {@link dev.ftpgateway.web.page.SignInPage}
 * answers a browser's page request that needs credentials. Every name is escaped in
 * {@link dev.ftpgateway.web.page.Html} and encoded into links by
 * {@link dev.ftpgateway.web.page.Links}. The page's script and style sheet are static resources
 * under {@code /assets/}.
 */
package dev.ftpgateway.web.page;
