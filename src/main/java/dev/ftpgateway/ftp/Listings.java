package dev.ftpgateway.ftp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.ftpgateway.ftp.listing.AutoListParser;
import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.ftp.listing.ListingParser;
import dev.ftpgateway.ftp.listing.MlsdParser;

/**
 * Folder listings of one connection: MLSD and MLST (RFC 3659) read with the MLSD parser, LIST
 * read as Unix or DOS lines by a parser that learns the server's format from its first lines.
 */
final class Listings {

	/** Reads a listing command's lines off its data connection (the client's {@code retrieveLines}). */
	@FunctionalInterface
	interface LineSource {

		void retrieveLines(String cmd, Consumer<String> callback) throws IOException;

	}

	private static final MlsdParser MLSD_PARSER = new MlsdParser();

	private final Dialogue dialogue;

	private final LineSource lines;

	/** Learns which LIST format the server uses, so it is per connection. */
	private final ListingParser listParser = new AutoListParser();

	Listings(Dialogue dialogue, LineSource lines) {
		this.dialogue = dialogue;
		this.lines = lines;
	}

	/** MLSD of {@code path} (the working directory when empty), each parsed entry handed over. */
	void mlsd(String path, Consumer<FtpEntry> callback) throws IOException {
		this.lines.retrieveLines(withPath("MLSD", path), line -> parseInto(MLSD_PARSER, line, callback));
	}

	/** LIST of {@code path} (the working directory when empty), each parsed entry handed over. */
	void list(String path, Consumer<FtpEntry> callback) throws IOException {
		this.lines.retrieveLines(withPath("LIST", path), line -> parseInto(this.listParser, line, callback));
	}

	/**
	 * The entries of a folder, by MLSD when {@code mlsd} says so and by LIST otherwise, without
	 * the folder's own and parent entries.
	 */
	void entries(String path, boolean mlsd, Consumer<FtpEntry> callback) throws IOException {
		Consumer<FtpEntry> filtered = entry -> {
			if (!entry.isSelfOrParent()) {
				callback.accept(entry);
			}
		};
		if (mlsd) {
			mlsd(path, filtered);
		}
		else {
			list(path, filtered);
		}
	}

	/** The facts of one file or directory (MLST), sent on the control connection. */
	FtpEntry mlst(String path) throws IOException {
		return entryIn(this.dialogue.voidCommand(withPath("MLST", path)));
	}

	/**
	 * MLST of each path, all sent together and their replies read after all went out: empty for
	 * a path the server says is missing (550, or MINA FtpServer's 501), any other refusal thrown.
	 */
	List<Optional<FtpEntry>> mlstEach(List<String> paths) throws IOException {
		List<Reply> replies = this.dialogue.pipeline(paths.stream().map((path) -> withPath("MLST", path)).toList());
		List<Optional<FtpEntry>> entries = new ArrayList<>(replies.size());
		for (Reply reply : replies) {
			boolean missing = reply.code() == ReplyCode.FILE_UNAVAILABLE
					|| reply.code() == ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS;
			entries.add(missing ? Optional.empty()
					: Optional.of(entryIn(Dialogue.expectCompletion(this.dialogue.checked(reply)))));
		}
		return entries;
	}

	private static FtpEntry entryIn(Reply reply) throws FtpProtocolException {
		// RFC 3659 7.2: the entry is the line after the first, led by one space; MINA
		// FtpServer 1.2 leaves the space out.
		Optional<FtpEntry> entry = Optional.empty();
		if (reply.lines().size() >= 3) {
			String line = reply.lines().get(1);
			entry = MLSD_PARSER.parse(line.startsWith(" ") ? line.substring(1) : line);
		}
		return entry.orElseThrow(() -> new FtpProtocolException("No entry in MLST reply", reply));
	}

	private void parseInto(ListingParser parser, String line, Consumer<FtpEntry> callback) {
		parser.parse(line).ifPresentOrElse(callback, () -> this.dialogue.event("Listing line not understood: " + line));
	}

	static String withPath(String verb, String path) {
		return (path == null || path.isEmpty()) ? verb : verb + " " + path;
	}

}
