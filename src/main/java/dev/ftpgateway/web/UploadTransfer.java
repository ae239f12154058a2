package dev.ftpgateway.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.Upload;
import dev.ftpgateway.files.UploadBody;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.transfers.TransferDirection;
import dev.ftpgateway.web.transfer.TransferFailures;

/**
 * An upload's body as a running transfer: it is listed from when its bytes start to flow (after
 * the checks before them), counted, cancellable until every byte has moved, and ends with the
 * upload. Close it when the upload ended, after {@link #completed()} if it succeeded.
 */
final class UploadTransfer implements UploadBody, AutoCloseable {

	/** Copies the body into the upload, reporting each piece to the transfer. */
	@FunctionalInterface
	interface Copy {

		/** @return the bytes copied */
		long into(Upload upload, RunningTransfer transfer) throws IOException;

	}

	private final RequestTransfers transfers;

	private final TransferFailures failures;

	private final HttpServletRequest request;

	private final RemotePath path;

	private final long expectedSize;

	private final Copy copy;

	private RunningTransfer transfer;

	private long copied;

	/** @param expectedSize the bytes announced, or -1 when unknown */
	UploadTransfer(RequestTransfers transfers, TransferFailures failures, HttpServletRequest request, RemotePath path,
			long expectedSize, Copy copy) {
		this.transfers = transfers;
		this.failures = failures;
		this.request = request;
		this.path = path;
		this.expectedSize = expectedSize;
		this.copy = copy;
	}

	@Override
	public long writeTo(Upload upload) throws IOException {
		this.transfer = this.transfers.start(this.request, this.path, TransferDirection.UPLOAD, this.expectedSize);
		this.copied = this.copy.into(upload, this.transfer);
		this.transfer.finishing();
		return this.copied;
	}

	/** The bytes the body brought. */
	long copied() {
		return this.copied;
	}

	@Override
	public void transferFailed(IOException failure) {
		this.failures.record(this.transfer, this.path, failure);
	}

	/** The upload succeeded. */
	void completed() {
		if (this.transfer != null) {
			this.transfer.completed();
		}
	}

	@Override
	public void close() {
		if (this.transfer != null) {
			this.transfer.close();
		}
	}

}
