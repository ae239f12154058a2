package dev.ftpgateway.files;

import java.io.IOException;

/**
 * A borrowed session became unusable through something the gateway tried on it, before the
 * operation changed anything or sent anything to the caller: the operation is worth one more try
 * on another session.
 */
final class SessionSpoiledException extends IOException {

	SessionSpoiledException(String message) {
		super(message);
	}

}
