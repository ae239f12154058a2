package dev.ftpgateway.transfers;

import java.time.Instant;

/**
 * One running transfer as the transfer list shows it.
 *
 * @param id what {@code DELETE /actuator/transfers/{id}} cancels it by
 * @param server the name of the FTP server
 * @param path the file or folder below the server's root
 * @param direction {@code download}, {@code upload} or {@code listing}
 * @param bytes the bytes moved so far
 * @param expectedSize the bytes announced, or {@code null} when unknown (listings, chunked uploads)
 * @param bytesPerSecond the average rate since it started
 * @param started when its bytes started to flow
 * @param clientAddress the HTTP client's address
 * @param caller who is asking, or {@code null} for an anonymous caller
 * @param requestId the id of the request, as the access log writes it
 * @param finishing whether every byte has moved and only the server's confirmation is awaited
 *        (then it can no longer be cancelled)
 */
public record TransferSnapshot(String id, String server, String path, String direction, long bytes, Long expectedSize,
		long bytesPerSecond, Instant started, String clientAddress, String caller, String requestId,
		boolean finishing) {
}
