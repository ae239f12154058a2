package dev.ftpgateway.ftp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The commands on files and folders that need no data connection (RNFR/RNTO, DELE, CWD/CDUP,
 * MKD, PWD, RMD, SIZE, MDTM), and how each one's replies are read.
 */
final class FileCommands {

	private final Dialogue dialogue;

	FileCommands(Dialogue dialogue) {
		this.dialogue = dialogue;
	}

	String rename(String from, String to) throws IOException {
		Reply reply = this.dialogue.command("RNFR " + from);
		if (!reply.isIntermediate()) {
			throw new FtpReplyException(reply);
		}
		return this.dialogue.voidCommand("RNTO " + to).text();
	}

	/** DELE, accepting the 200 some servers answer instead of 250. */
	String delete(String name) throws IOException {
		Reply reply = this.dialogue.command("DELE " + name);
		if (reply.code() != ReplyCode.FILE_ACTION_OK && reply.code() != ReplyCode.COMMAND_OK) {
			throw new FtpReplyException(reply);
		}
		return reply.text();
	}

	/** CWD; {@code ..} sends CDUP first, which some servers lack (500), then CWD. */
	String cwd(String path) throws IOException {
		if (path.equals("..")) {
			try {
				return this.dialogue.voidCommand("CDUP").text();
			}
			catch (FtpPermanentException ex) {
				if (ex.replyCode() != ReplyCode.SYNTAX_ERROR) {
					throw ex;
				}
			}
		}
		return this.dialogue.voidCommand("CWD " + (path.isEmpty() ? "." : path)).text();
	}

	String mkd(String path) throws IOException {
		return pathFrom(this.dialogue.voidCommand("MKD " + path));
	}

	String pwd() throws IOException {
		return pathFrom(this.dialogue.voidCommand("PWD"));
	}

	/** The path a 257 reply quotes, or an empty string from servers (IIS on Windows Server 2003) that answer with another 2xx. */
	private static String pathFrom(Reply reply) throws FtpException {
		return (reply.code() == ReplyCode.PATHNAME_CREATED) ? Replies.parse257(reply) : "";
	}

	String rmd(String dir) throws IOException {
		return this.dialogue.voidCommand("RMD " + dir).text();
	}

	/** SIZE; the caller switches to binary first. */
	OptionalLong size(String path) throws IOException {
		return parseSize(fileStatus("SIZE " + path));
	}

	private static OptionalLong parseSize(Optional<String> value) {
		try {
			return value.isPresent() ? OptionalLong.of(Long.parseLong(value.get())) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	Optional<Instant> mdtm(String path) throws IOException {
		return fileStatus("MDTM " + path).flatMap(Mdtm::parse);
	}

	/**
	 * SIZE and MDTM of each path, all sent together and their replies read after all went out;
	 * the caller switches to binary first.
	 */
	List<FileStatus> sizeAndMdtmEach(List<String> paths) throws IOException {
		List<String> cmds = new ArrayList<>(2 * paths.size());
		for (String path : paths) {
			cmds.add("SIZE " + path);
			cmds.add("MDTM " + path);
		}
		List<Reply> replies = this.dialogue.pipeline(cmds);
		List<FileStatus> statuses = new ArrayList<>(paths.size());
		for (int i = 0; i < replies.size(); i += 2) {
			statuses.add(new FileStatus(parseSize(statusText(replies.get(i))),
					statusText(replies.get(i + 1)).flatMap(Mdtm::parse)));
		}
		return statuses;
	}

	/**
	 * Whether the server takes a command while it still answers the one before: two NOOPs sent
	 * together must both be answered, the second within {@code wait}. A server that drops the
	 * second leaves the dialogue out of step, so it is then broken and this answers false.
	 */
	boolean acceptsPipelining(Duration wait) throws IOException {
		this.dialogue.sendWithoutReply("NOOP");
		this.dialogue.sendWithoutReply("NOOP");
		Optional<Reply> first = this.dialogue.readReplyWithin(wait);
		Optional<Reply> second = first.isPresent() ? this.dialogue.readReplyWithin(wait) : Optional.empty();
		boolean answered = second.isPresent() && first.get().isPositiveCompletion()
				&& second.get().isPositiveCompletion();
		if (!answered) {
			this.dialogue.markBroken();
		}
		return answered;
	}
	/**
	 * The text of a 213 reply, or empty when the server has no such command (500, 502, 504) or
	 * says there is no plain file of that name (550, or 501 for a name it cannot take). Other
	 * refusals, such as 530, are errors.
	 */
	private Optional<String> fileStatus(String cmd) throws IOException {
		try {
			return statusText(this.dialogue.command(cmd));
		}
		catch (FtpPermanentException ex) {
			return statusText(ex);
		}
	}

	private Optional<String> statusText(Reply reply) throws IOException {
		if (reply.kind() == 4 || reply.kind() == 5) {
			try {
				this.dialogue.checked(reply);
			}
			catch (FtpPermanentException ex) {
				return statusText(ex);
			}
		}
		return (reply.code() == ReplyCode.FILE_STATUS) ? Optional.of(reply.lines().get(0).substring(3).strip())
				: Optional.empty();
	}

	private static Optional<String> statusText(FtpPermanentException ex) throws FtpPermanentException {
		int code = ex.replyCode();
		if (code == ReplyCode.FILE_UNAVAILABLE || code == ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS
				|| ReplyCode.meansNotImplemented(code)) {
			return Optional.empty();
		}
		throw ex;
	}

}
