package dev.ftpgateway.web.transfer;

import java.io.IOException;
import java.net.SocketTimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.TransferCancelledException;

/**
 * Logs and counts transfers that failed after they started, as the
 * {@code ftp.gateway.transfer.failures} counter tagged with the server, the direction
 * ({@code download}, {@code upload}, {@code listing}) and the cause: {@code client} (the HTTP
 * client went away or sent a short body), {@code cancelled} (an operator cancelled it),
 * {@code timeout} (the FTP server stalled), {@code reply} (the server reported a failure, such
 * as 552 disk full) or {@code server} (the FTP connection dropped or sent short data).
 */
@Component
public class TransferFailures {

	private static final Log logger = LogFactory.getLog(TransferFailures.class);

	private final MeterRegistry registry;

	public TransferFailures(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Logs and counts one failed transfer. */
	public void record(RunningTransfer transfer, RemotePath path, IOException failure) {
		String cause = causeOf(failure);
		String direction = transfer.direction().value();
		Counter.builder("ftp.gateway.transfer.failures")
			.description("Transfers that failed after they started")
			.tag("server", transfer.server())
			.tag("direction", direction)
			.tag("cause", cause)
			.register(this.registry)
			.increment();
		String message = "The " + direction + " of " + path + " on server '" + transfer.server() + "' failed (" + cause
				+ "): " + failure;
		// A client that goes away, or an operator's cancel, is routine; anything else means the FTP side is in trouble.
		if (cause.equals("client") || cause.equals("cancelled")) {
			logger.info(message);
		}
		else {
			logger.warn(message);
		}
	}

	static String causeOf(IOException failure) {
		if (failure instanceof ClientGoneException || failure instanceof IncompleteUploadException) {
			return "client";
		}
		if (failure instanceof TransferCancelledException) {
			return "cancelled";
		}
		if (failure instanceof SocketTimeoutException) {
			return "timeout";
		}
		if (failure instanceof FtpException ftp && ftp.replyCode() > 0) {
			return "reply";
		}
		return "server";
	}

}
