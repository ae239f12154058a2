package dev.ftpgateway.files;

import java.util.Optional;

/**
 * A caller's condition on the current version of a path, checked on the session that then
 * changes it, right before it does: what {@code If-Match}, {@code If-Unmodified-Since} and
 * {@code If-None-Match} ask of a write. FTP has no locks, so a change on the server between the
 * check and the write cannot be ruled out; the window is one round trip.
 */
@FunctionalInterface
public interface Precondition {

	/** No condition: nothing is looked up for it. */
	Precondition NONE = (current) -> {
	};

	/**
	 * Checks the condition.
	 * @param current the version at the path now, or empty when nothing is there
	 * @throws FileOperationException {@code PRECONDITION_FAILED} when it does not hold
	 */
	void check(Optional<FileVersion> current);

}
