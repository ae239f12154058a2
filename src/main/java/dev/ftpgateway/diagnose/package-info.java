/**
 * Server reports: what each FTP server is (its greeting, SYST, FEAT), what it can do, how it
 * answers a fresh session right now, and what the gateway applied or would suggest for it.
 * FTP work only, over {@code ftp} and {@code pool}; the web layer maps it to HTTP.
 */
package dev.ftpgateway.diagnose;
