package dev.ftpgateway.web.digest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.ftpgateway.files.Digest;
import dev.ftpgateway.files.RemoteFile;

/**
 * Answers {@code Want-Repr-Digest} for a file: from the FTP server's own hash command when it
 * offers one of the wanted algorithms (no byte crosses to the gateway; the server reads the file),
 * otherwise, where the caller allows it, by reading the whole file once through the gateway and
 * hashing it (a full download's worth of FTP traffic and time, for a HEAD).
 */
public final class ReprDigests {

	private ReprDigests() {
	}

	/**
	 * The {@code Repr-Digest} field value for {@code file}, on the session that found it and
	 * before anything is opened on it.
	 * @param want the request's {@code Want-Repr-Digest}, or null
	 * @param computeIfNeeded whether to read and hash the file when the server cannot
	 * @return empty when nothing was asked for, or nothing could be had as allowed
	 */
	public static Optional<String> answer(RemoteFile file, String want, boolean computeIfNeeded) throws IOException {
		List<String> wanted = DigestFields.wanted(want);
		if (wanted.isEmpty()) {
			return Optional.empty();
		}
		Optional<Digest> digest = file.digestWithoutDownload(wanted);
		if (digest.isEmpty() && computeIfNeeded) {
			digest = Optional.of(file.computeDigest(wanted.get(0)));
		}
		return digest.map(DigestFields::format);
	}

}
