package dev.ftpgateway.files;

import java.util.Optional;

import dev.ftpgateway.ftp.FtpException;

/**
 * A file operation that what is (or is not) on the FTP server rules out: the path is missing, a
 * file or folder is in the way, a precondition no longer holds, or the operation makes no sense
 * for the path. Nothing was changed on the server. The {@link Reason} says which, so the HTTP
 * layer can choose its status without reading messages.
 */
public final class FileOperationException extends RuntimeException {

	/** Why the operation was refused. */
	public enum Reason {

		/** Nothing is at the path (or at its parent folder). */
		NOT_FOUND,

		/** Something is in the way: a file where a folder must be, an existing destination, a folder that is not empty. */
		CONFLICT,

		/** The caller's condition on the current file (it must not exist, or must be the version it names) does not hold. */
		PRECONDITION_FAILED,

		/** The operation cannot apply to this path at all, such as deleting the root folder. */
		NOT_APPLICABLE,

		/** The path goes through a symbolic link that points outside the root. */
		OUTSIDE_ROOT,

		/** The body holds more bytes than the upload may take. */
		TOO_LARGE,

		/** What the path named existed once and is gone for good, such as an expired partial upload. */
		GONE

	}

	private final Reason reason;

	private final FtpException reply;

	private FileOperationException(Reason reason, String message, FtpException reply) {
		super(message, reply);
		this.reason = reason;
		this.reply = reply;
	}

	static FileOperationException notFound(RemotePath path) {
		return new FileOperationException(Reason.NOT_FOUND, "No file or folder at " + path, null);
	}

	/** Nothing is at {@code path}, as the server's {@code reply} said. */
	static FileOperationException notFound(RemotePath path, FtpException reply) {
		return new FileOperationException(Reason.NOT_FOUND, "No file or folder at " + path, reply);
	}

	/**
	 * The folder that {@code path} would go in does not exist.
	 * @param mkdirsOffered whether the caller may ask for missing folders to be made ({@code mkdirs=true})
	 */
	static FileOperationException missingFolderFor(RemotePath path, boolean mkdirsOffered) {
		String detail = "No folder " + path.parent() + " to hold " + path.name();
		return new FileOperationException(Reason.NOT_FOUND, mkdirsOffered ? detail + "; mkdirs=true makes it" : detail,
				null);
	}

	/** Nothing is where the caller said, in the words of {@code message}. */
	static FileOperationException notFound(String message) {
		return new FileOperationException(Reason.NOT_FOUND, message, null);
	}

	static FileOperationException conflict(String message) {
		return new FileOperationException(Reason.CONFLICT, message, null);
	}

	/** A precondition of the caller's failed: public, since the caller states its preconditions. */
	public static FileOperationException preconditionFailed(String message) {
		return new FileOperationException(Reason.PRECONDITION_FAILED, message, null);
	}

	static FileOperationException outsideRoot(RemotePath path, String link) {
		return new FileOperationException(Reason.OUTSIDE_ROOT,
				path + " goes through the symbolic link " + link + ", which points outside the root folder", null);
	}

	static FileOperationException tooLarge(String message) {
		return new FileOperationException(Reason.TOO_LARGE, message, null);
	}

	static FileOperationException gone(String message) {
		return new FileOperationException(Reason.GONE, message, null);
	}

	static FileOperationException notApplicable(String message) {
		return new FileOperationException(Reason.NOT_APPLICABLE, message, null);
	}

	public Reason reason() {
		return this.reason;
	}

	/** The FTP reply that showed the refusal, when one did. */
	public Optional<FtpException> reply() {
		return Optional.ofNullable(this.reply);
	}

}
