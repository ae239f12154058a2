package dev.ftpgateway.transfers;

/**
 * What is known of a transfer when it starts.
 *
 * @param server the name of the FTP server ({@code default} for the unnamed one)
 * @param path the file or folder below the server's root
 * @param direction which way the bytes go
 * @param expectedSize the bytes announced (Content-Length of a download or an upload), or -1
 *        when unknown
 * @param clientAddress the HTTP client's address
 * @param caller who is asking: an API key's name ({@code api-key:NAME}), a JWT subject or a
 *        pass-through user; {@code null} for an anonymous caller
 * @param requestId the id of the request, as the access log writes it
 */
public record TransferStart(String server, String path, TransferDirection direction, long expectedSize,
		String clientAddress, String caller, String requestId) {
}
