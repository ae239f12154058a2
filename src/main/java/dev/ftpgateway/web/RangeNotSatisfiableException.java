package dev.ftpgateway.web;

/** Thrown for a {@code Range} no byte of the file satisfies; answered with 416 and {@code Content-Range: bytes *}. */
public class RangeNotSatisfiableException extends RuntimeException {

	private final long fileLength;

	public RangeNotSatisfiableException(long fileLength) {
		super("range not satisfiable for a file of " + fileLength + " bytes");
		this.fileLength = fileLength;
	}

	/** The length of the file the range was asked of. */
	public long fileLength() {
		return this.fileLength;
	}

}
