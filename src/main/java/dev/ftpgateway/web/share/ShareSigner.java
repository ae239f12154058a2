package dev.ftpgateway.web.share;

import java.time.Duration;
import java.time.Instant;

import dev.ftpgateway.files.RemotePath;

/**
 * Signs a share link for the caller of the current request. The security layer implements it
 * and decides whether the caller may hand out the access asked for; a refusal propagates as its
 * own exception, which it answers with 403.
 */
@FunctionalInterface
public interface ShareSigner {

	/**
	 * A link granting {@code access} to {@code path} (a folder and everything below it when the
	 * path ends in a slash) for {@code expiresIn} from now.
	 */
	SignedShare sign(RemotePath path, ShareAccess access, Duration expiresIn);

	/**
	 * @param token the value of the link's {@code share} query parameter
	 * @param expiresAt when the link stops working
	 */
	record SignedShare(String token, Instant expiresAt) {
	}

}
