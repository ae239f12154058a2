package dev.ftpgateway.web;

import java.io.IOException;
import java.net.SocketTimeoutException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.ftpgateway.files.FileOperationException;
import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpUnencodableNameException;
import dev.ftpgateway.pool.BackendLoginRefusedException;
import dev.ftpgateway.pool.BackendUnavailableException;
import dev.ftpgateway.pool.PoolExhaustedException;
import dev.ftpgateway.transfers.TransferCancelledException;
import dev.ftpgateway.web.problem.FileProblemStatus;
import dev.ftpgateway.web.problem.FtpReplyStatus;
import dev.ftpgateway.web.transfer.IncompleteUploadException;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. FTP replies
 * keep their code and text in the {@code ftpCode} and {@code ftpReply} properties.
 * <p>
 * When the response is already committed (a download failed half way) nothing can be rendered:
 * the exception is rethrown so the servlet container drops the connection and the client sees
 * an incomplete body rather than a short one that looks complete.
 */
@RestControllerAdvice
public class FtpProblemHandler extends ResponseEntityExceptionHandler {

	private final FilesSettings settings;

	public FtpProblemHandler(FilesSettings settings) {
		this.settings = settings;
	}

	@ExceptionHandler(InvalidRemotePathException.class)
	ResponseEntity<Object> invalidPath(InvalidRemotePathException ex, ServletWebRequest request) {
		return problem(ex, HttpStatus.BAD_REQUEST, "Invalid path: " + ex.getMessage(), new HttpHeaders(), request);
	}

	/** A name the server's charset cannot write: nothing was sent, so nothing else is named by mistake. */
	@ExceptionHandler(FtpUnencodableNameException.class)
	ResponseEntity<Object> unencodableName(FtpUnencodableNameException ex, ServletWebRequest request) {
		return problem(ex, HttpStatus.BAD_REQUEST,
				"The path cannot be written in the FTP server's charset, " + ex.charset() + "; nothing was changed",
				new HttpHeaders(), request);
	}

	@ExceptionHandler(FileOperationException.class)
	ResponseEntity<Object> fileOperation(FileOperationException ex, ServletWebRequest request) {
		HttpStatus status = FileProblemStatus.forReason(ex.reason());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		ex.reply().ifPresent((reply) -> {
			body.setProperty("ftpCode", reply.replyCode());
			body.setProperty("ftpReply", reply.replyText());
		});
		return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
	}

	@ExceptionHandler(RangeNotSatisfiableException.class)
	ResponseEntity<Object> rangeNotSatisfiable(RangeNotSatisfiableException ex, ServletWebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + ex.fileLength());
		return problem(ex, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, ex.getMessage(), headers, request);
	}

	@ExceptionHandler(PoolExhaustedException.class)
	ResponseEntity<Object> poolExhausted(PoolExhaustedException ex, ServletWebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.settings.retryAfter().toSeconds())));
		return problem(ex, HttpStatus.SERVICE_UNAVAILABLE, "All FTP sessions are busy; try again shortly", headers,
				request);
	}

	@ExceptionHandler(BackendUnavailableException.class)
	ResponseEntity<Object> backendUnavailable(BackendUnavailableException ex, ServletWebRequest request)
			throws IOException {
		rethrowIfCommitted(ex, request);
		HttpStatus status = ex.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (ex.replyCode() > 0) {
			body.setProperty("ftpCode", ex.replyCode());
		}
		if (ex.replyText() != null) {
			body.setProperty("ftpReply", ex.replyText());
		}
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof BackendLoginRefusedException refused) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, refused.retryIn().toSeconds())));
		}
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@ExceptionHandler(FtpException.class)
	ResponseEntity<Object> ftpReply(FtpException ex, ServletWebRequest request) throws IOException {
		rethrowIfCommitted(ex, request);
		int code = ex.replyCode();
		HttpStatus status = (code > 0) ? FtpReplyStatus.forReply(code, ex.replyText()) : HttpStatus.BAD_GATEWAY;
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "The FTP server refused: " + ex.getMessage());
		if (code > 0) {
			body.setProperty("ftpCode", code);
		}
		if (ex.replyText() != null) {
			body.setProperty("ftpReply", ex.replyText());
		}
		return handleExceptionInternal(ex, body, new HttpHeaders(), status, request);
	}

	@ExceptionHandler(IncompleteUploadException.class)
	ResponseEntity<Object> incompleteUpload(IncompleteUploadException ex, ServletWebRequest request)
			throws IOException {
		rethrowIfCommitted(ex, request);
		return problem(ex, HttpStatus.BAD_REQUEST, ex.getMessage() + "; nothing was stored", new HttpHeaders(),
				request);
	}

	/** An operator cancelled an upload: nothing was stored, and the client should not simply retry at once. */
	@ExceptionHandler(TransferCancelledException.class)
	ResponseEntity<Object> cancelled(TransferCancelledException ex, ServletWebRequest request) throws IOException {
		rethrowIfCommitted(ex, request);
		return problem(ex, HttpStatus.CONFLICT, ex.getMessage() + "; nothing was stored", new HttpHeaders(), request);
	}

	@ExceptionHandler(SocketTimeoutException.class)
	ResponseEntity<Object> timeout(SocketTimeoutException ex, ServletWebRequest request) throws IOException {
		rethrowIfCommitted(ex, request);
		return problem(ex, HttpStatus.GATEWAY_TIMEOUT, "The FTP server did not answer in time", new HttpHeaders(),
				request);
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<Object> connectionLost(IOException ex, ServletWebRequest request) throws IOException {
		rethrowIfCommitted(ex, request);
		return problem(ex, HttpStatus.BAD_GATEWAY, "Lost the connection to the FTP server: " + ex.getMessage(),
				new HttpHeaders(), request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String detail, HttpHeaders headers,
			ServletWebRequest request) {
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), headers, status, request);
	}

	private static void rethrowIfCommitted(IOException ex, ServletWebRequest request) throws IOException {
		HttpServletResponse response = request.getResponse();
		if (response != null && response.isCommitted()) {
			throw ex;
		}
	}

}
