package dev.ftpgateway.ftp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The copy loops of ftplib's {@code retrbinary}, {@code retrlines}, {@code storbinary} and
 * {@code storlines}, over an opened {@link Transfer}, which finishes or aborts when they end.
 */
final class CopyLoops {

	/**
	 * The least a download reads from its data socket at a time, whatever the block size: a
	 * system call per 8 KiB block (ftplib's default) costs more than handing the callback 8 KiB
	 * slices of one bigger read (src/bench/RESULTS.md, "retrieveBinary against Commons Net").
	 */
	private static final int READ_STEP = 256 * 1024;

	private CopyLoops() {
	}

	/** Hands each block of the download to {@code callback}, at most {@code blockSize} bytes each. */
	static Reply receiveBlocks(Transfer transfer, BlockSink callback, int blockSize) throws IOException {
		return transfer.copyAndFinish(() -> {
			transfer.awaitFirstData();
			InputStream in = transfer.input();
			byte[] buffer = new byte[Math.max(blockSize, READ_STEP)];
			int n;
			while ((n = in.read(buffer)) != -1) {
				for (int offset = 0; offset < n; offset += blockSize) {
					callback.accept(buffer, offset, Math.min(blockSize, n - offset));
				}
				transfer.moved(n);
			}
		});
	}

	/** Hands each line of the download, without its line end and decoded by {@code codec}, to {@code callback}. */
	static Reply receiveLines(Transfer transfer, NameCodec codec, Consumer<String> callback) throws IOException {
		return transfer.copyAndFinish(() -> {
			transfer.awaitFirstData();
			LineReader lines = new LineReader(transfer.input(), ReplyReader.MAX_LINE_BYTES);
			byte[] line;
			while ((line = lines.readLine()) != null) {
				callback.accept(codec.decode(line));
				transfer.moved(line.length);
			}
		});
	}

	/** Sends {@code in} to its end in blocks of {@code blockSize}, each handed to {@code callback} (if any) after it went. */
	static Reply sendBlocks(Transfer transfer, InputStream in, int blockSize, Consumer<byte[]> callback)
			throws IOException {
		return transfer.copyAndFinish(() -> {
			OutputStream out = transfer.socket().getOutputStream();
			byte[] buffer = new byte[blockSize];
			int n;
			while ((n = in.read(buffer)) != -1) {
				out.write(buffer, 0, n);
				transfer.moved(n);
				if (callback != null) {
					callback.accept(Arrays.copyOf(buffer, n));
				}
			}
			out.flush();
		});
	}

	/**
	 * Sends the lines of {@code in}, each with a CRLF line end whatever it had, each handed to
	 * {@code callback} (if any) after it went.
	 */
	static Reply sendLines(Transfer transfer, InputStream in, NameCodec codec, Consumer<String> callback)
			throws IOException {
		return transfer.copyAndFinish(() -> {
			OutputStream out = new BufferedOutputStream(transfer.socket().getOutputStream(),
					FtpClient.DEFAULT_BLOCK_SIZE);
			// ftplib's limit on lines it reads from the caller's file, too.
			LineReader lines = new LineReader(in, ReplyReader.MAX_LINE_BYTES);
			byte[] line;
			while ((line = lines.readLine()) != null) {
				out.write(line);
				out.write('\r');
				out.write('\n');
				transfer.moved(line.length + 2L);
				if (callback != null) {
					callback.accept(codec.decode(line));
				}
			}
			out.flush();
		});
	}

}
