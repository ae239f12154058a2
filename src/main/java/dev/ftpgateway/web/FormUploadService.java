package dev.ftpgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

import dev.ftpgateway.files.AtomicUpload;
import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.files.Precondition;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.Upload;
import dev.ftpgateway.transfers.RunningTransfer;
import dev.ftpgateway.web.form.MultipartStream;
import dev.ftpgateway.web.problem.GatewayProblems;
import dev.ftpgateway.web.transfer.ClientBody;
import dev.ftpgateway.web.transfer.TransferFailures;

/**
 * Answers a {@code multipart/form-data} POST to a folder, what an HTML {@code <form>} with file
 * inputs sends: each file part streams from the request into {@link AtomicUpload} under the name
 * the form gave it, by the same rules as a PUT (temporary name, size check, move into place), one
 * after the other. Parts that are no file (form fields, an empty file input) are passed over: the
 * API takes its parameters from the query string only.
 */
@Service
public class FormUploadService {

	private final FileServerResolver servers;

	private final int bufferSize;

	private final TransferFailures failures;

	private final RequestTransfers transfers;

	public FormUploadService(FileServerResolver servers, FilesSettings settings, TransferFailures failures,
			RequestTransfers transfers) {
		this.servers = servers;
		this.bufferSize = settings.bufferSize();
		this.failures = failures;
		this.transfers = transfers;
	}

	/** One stored file: where it is, its size, and whether it replaced an existing one. */
	public record StoredFile(String path, long size, boolean replaced) {
	}

	/**
	 * Stores the form's files in {@code folder}. Files stored before one fails stay stored.
	 * @return the stored files, in the form's order
	 */
	public List<StoredFile> post(RemotePath folder, HttpServletRequest request, boolean mkdirs) throws IOException {
		MultipartStream parts = new MultipartStream(new ClientBody(request.getInputStream()),
				boundary(request.getContentType()));
		Precondition precondition = WritePreconditions.of(request);
		AtomicUpload uploads = this.servers.of(request).uploads();
		List<StoredFile> stored = new ArrayList<>();
		MultipartStream.Part part;
		while ((part = parts.next()) != null) {
			String name = part.fileName();
			if (name == null || name.isEmpty()) {
				continue;
			}
			RemotePath path = file(folder, name);
			InputStream in = part.body();
			try (UploadTransfer body = new UploadTransfer(this.transfers, this.failures, request, path, -1,
					(upload, transfer) -> copy(in, upload, transfer))) {
				boolean replaced = uploads.write(path, new AtomicUpload.Options(false, mkdirs, precondition), body);
				body.completed();
				stored.add(new StoredFile(path.toString(), body.copied(), replaced));
			}
		}
		if (stored.isEmpty()) {
			throw GatewayProblems.badRequest("The form holds no file: nothing was stored");
		}
		return stored;
	}

	private static String boundary(String contentType) {
		try {
			String boundary = MediaType.parseMediaType(contentType).getParameter("boundary");
			if (boundary != null && !boundary.isEmpty() && boundary.length() <= 72) {
				String unquoted = boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() > 2
						? boundary.substring(1, boundary.length() - 1) : boundary;
				if (unquoted.length() <= 70) {
					return unquoted;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// Answered below, like a missing boundary.
		}
		throw GatewayProblems.badRequest("A multipart/form-data body needs a boundary parameter of 1 to 70 characters");
	}

	/**
	 * The path of a file the form named in {@code folder}. Browsers send the base name; older
	 * ones sent the whole client path, so only what follows the last slash or backslash counts.
	 */
	private static RemotePath file(RemotePath folder, String sent) {
		String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			throw new InvalidRemotePathException("the form's file name '" + name + "' names no file");
		}
		RemotePath path = RemotePath.ofDecoded(folder + "/" + name);
		if (!path.parent().equals(folder) || !path.name().equals(name)) {
			throw new InvalidRemotePathException("the form's file name is not a plain name");
		}
		return path;
	}

	/** Copies one file part's bytes into its upload. */
	private long copy(InputStream in, Upload upload, RunningTransfer transfer) throws IOException {
		byte[] buffer = new byte[this.bufferSize];
		long size = 0;
		int read;
		while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
			upload.write(buffer, 0, read);
			size += read;
			transfer.moved(read);
		}
		return size;
	}

}
