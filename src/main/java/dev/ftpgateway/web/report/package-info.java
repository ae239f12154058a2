/** The server reports over HTTP: {@code GET /servers} and {@code GET /servers/NAME}. */
package dev.ftpgateway.web.report;
