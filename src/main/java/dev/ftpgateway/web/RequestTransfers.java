package dev.ftpgateway.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.RunningTransfers;
import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.transfers.TransferStart;

/**
 * Registers a request's transfer in the list of running transfers, with what the request tells
 * of it: its server, client address, caller and request id. One call for any feature that
 * streams bytes; the access log learns from it whether an operator cancelled the request.
 */
@Component
public class RequestTransfers {

	private final RunningTransfers running;

	public RequestTransfers(RunningTransfers running) {
		this.running = running;
	}

	/**
	 * Starts the transfer of {@code path} for {@code request}, whose server
	 * {@link FileServerResolver#of} found; close it when it ended.
	 * @param expectedSize the bytes announced, or -1 when unknown
	 */
	public RunningTransfer start(HttpServletRequest request, RemotePath path, TransferDirection direction,
			long expectedSize) {
		return start(request, FileServerResolver.nameOf(request), path, direction, expectedSize);
	}

	/**
	 * Starts the transfer of {@code path} on {@code server}, for a request whose route names no
	 * server (tus uploads go to the default server); close it when it ended.
	 * @param expectedSize the bytes announced, or -1 when unknown
	 */
	public RunningTransfer start(HttpServletRequest request, String server, RemotePath path,
			TransferDirection direction, long expectedSize) {
		RunningTransfer transfer = this.running.start(new TransferStart(server, path.toString(), direction,
				expectedSize, request.getRemoteAddr(), (String) request.getAttribute(AccessLogFilter.CALLER),
				AccessLogFilter.currentRequestId()));
		request.setAttribute(AccessLogFilter.SERVER, server);
		request.setAttribute(AccessLogFilter.TRANSFER, transfer);
		return transfer;
	}

}
