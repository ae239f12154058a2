package dev.ftpgateway.files;

import java.io.IOException;

/**
 * What a caller of {@link FileReads#read} does with what it found: a folder or a file. It runs
 * on the borrowed session, which goes back to the pool when it returns, so a download it opens
 * must be completed or abandoned before then.
 *
 * @param <T> what the caller makes of it
 */
public interface ReadHandler<T> {

	T folder(RemoteFolder folder) throws IOException;

	T file(RemoteFile file) throws IOException;

}
