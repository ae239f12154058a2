package dev.ftpgateway.web;

import java.io.IOException;
import java.util.function.Supplier;

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
public final class UploadTransfer implements UploadBody, AutoCloseable {

	/** Copies the body into the upload, reporting each piece to the transfer. */
	@FunctionalInterface
	public interface Copy {

		/** @return the bytes copied */
		long into(Upload upload, RunningTransfer transfer) throws IOException;

	}

	private final RequestTransfers transfers;

	private final TransferFailures failures;

	private final HttpServletRequest request;

	/** Asked when the bytes start to flow: by then the request's server is known. */
	private final Supplier<String> server;

	private final RemotePath path;

	private final long expectedSize;

	private final Copy copy;

	private RunningTransfer transfer;

	private long copied;

	/**
	 * An upload to the server {@link FileServerResolver#of} found for {@code request}.
	 * @param expectedSize the bytes announced, or -1 when unknown
	 */
	UploadTransfer(RequestTransfers transfers, TransferFailures failures, HttpServletRequest request, RemotePath path,
			long expectedSize, Copy copy) {
		this(transfers, failures, request, () -> FileServerResolver.nameOf(request), path, expectedSize, copy);
	}

	/**
	 * An upload to {@code server}, for routes that name no server.
	 * @param expectedSize the bytes announced, or -1 when unknown
	 */
	public UploadTransfer(RequestTransfers transfers, TransferFailures failures, HttpServletRequest request,
			String server, RemotePath path, long expectedSize, Copy copy) {
		this(transfers, failures, request, () -> server, path, expectedSize, copy);
	}

	private UploadTransfer(RequestTransfers transfers, TransferFailures failures, HttpServletRequest request,
			Supplier<String> server, RemotePath path, long expectedSize, Copy copy) {
		this.transfers = transfers;
		this.failures = failures;
		this.request = request;
		this.server = server;
		this.path = path;
		this.expectedSize = expectedSize;
		this.copy = copy;
	}

	@Override
	public long writeTo(Upload upload) throws IOException {
		this.transfer = this.transfers.start(this.request, this.server.get(), this.path, TransferDirection.UPLOAD,
				this.expectedSize);
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
	public void completed() {
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
