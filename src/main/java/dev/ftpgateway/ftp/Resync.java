package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the dialogue in step when a transfer caused an unknown number of replies: after an
 * ABOR, and after a transfer during which keep-alive NOOPs went out. Either way it ends the
 * doubt with a marker command whose reply nothing else sends, and reads up to it, so the next
 * command reads its own reply and never an earlier one.
 */
final class Resync {

	/** How long an abort waits for each reply before it moves on to the next way of finding its end. */
	static final Duration ABORT_REPLY_WAIT = Duration.ofSeconds(2);

	/** The most an abort reads from a TLS data connection while waiting for the server to end it. */
	private static final long MAX_ABORT_DRAIN_BYTES = 16L * 1024 * 1024;

	/** Replies an abort may cause before the NOOP's: a 426/451, a 226, the ABOR's own, two 501s. */
	private static final int MAX_ABORT_REPLIES = 6;

	private final Dialogue dialogue;

	private final ControlKeepAlive keepAlive;

	/** The server could not take ABOR with Telnet IP and Synch (MINA FtpServer): send it plain. */
	private boolean telnetAbortRefused;

	Resync(Dialogue dialogue, ControlKeepAlive keepAlive) {
		this.dialogue = dialogue;
		this.keepAlive = keepAlive;
	}

	/**
	 * Sends ABOR, closes the data connection (if any) and reads replies until the dialogue is
	 * in step again. How many replies an abort causes depends on the server and on timing: a
	 * 426 or 451 for the interrupted transfer, or a 226 for one that ended just before, then the
	 * ABOR's own 225/226. MINA FtpServer cannot decode the Telnet bytes: it answers them with a
	 * 501 that also swallows whatever command follows in the same read, or with nothing.
	 * So the end is marked by a NOOP sent once the first reply is in (or a short wait passed),
	 * and if the NOOP's 200 does not come soon, by a PWD, whose 257 cannot be mistaken for a
	 * late 200. A server that refused the Telnet bytes gets a plain ABOR from then on.
	 * @param dataConnection the transfer's data connection, or {@code null}
	 * @return the replies before the marker's, in order
	 */
	List<Reply> abort(Closeable dataConnection) throws IOException {
		this.dialogue.sendAbort(this.telnetAbortRefused);
		if (dataConnection instanceof TlsDataSocket tls) {
			tls.drainAfterAbort(ABORT_REPLY_WAIT, MAX_ABORT_DRAIN_BYTES);
		}
		if (dataConnection != null) {
			closeQuietly(dataConnection);
		}
		List<Reply> replies = new ArrayList<>();
		Optional<Reply> first = this.dialogue.readReplyWithin(ABORT_REPLY_WAIT);
		int keepAliveNoops = this.keepAlive.takePending();
		if (first.isPresent() && keepAliveNoops > 0 && ControlKeepAlive.answersNoop(first.get())) {
			keepAliveNoops--;
		}
		else {
			first.ifPresent(replies::add);
		}
		if (!readToMarker("NOOP", keepAliveNoops + 1, replies, true)) {
			readToMarker("PWD", 1, replies, false);
		}
		if (replies.stream().anyMatch(reply -> reply.code() == ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS)) {
			this.telnetAbortRefused = true;
		}
		return replies;
	}

	/**
	 * Aborts for a caller of {@link FtpClient#abort()}, outside any transfer of the client's own.
	 * @return the ABOR's reply: 225 or 226
	 * @throws FtpPermanentException if the server refused the ABOR line; the dialogue stays in step
	 * @throws FtpProtocolException if the server answers something else; the dialogue is broken
	 */
	Reply abortForCaller() throws IOException {
		List<Reply> replies;
		try {
			replies = abort(null);
		}
		catch (IOException | RuntimeException ex) {
			this.dialogue.markBroken();
			throw ex;
		}
		Reply last = null;
		for (Reply reply : replies) {
			if (reply.code() == ReplyCode.DATA_CONNECTION_OPEN || reply.code() == ReplyCode.CLOSING_DATA_CONNECTION) {
				return reply;
			}
			last = reply;
		}
		if (last != null && last.kind() == 5) {
			throw new FtpPermanentException(last);
		}
		this.dialogue.markBroken();
		throw (last != null) ? new FtpProtocolException("Unexpected reply to ABOR", last)
				: new FtpProtocolException("No reply to ABOR");
	}

	/**
	 * Aborts as {@link #abort} does, for a transfer that failed: never throws, and marks the
	 * dialogue broken if even the abort could not find its end.
	 */
	void abortQuietly(Closeable dataConnection) {
		try {
			if (!this.dialogue.isBroken() && !this.dialogue.isClosed()) {
				abort(dataConnection);
			}
		}
		catch (IOException | RuntimeException ex) {
			this.dialogue.event("Control connection lost its place after an aborted transfer: " + ex);
			this.dialogue.markBroken();
		}
		finally {
			if (dataConnection != null) {
				closeQuietly(dataConnection);
			}
		}
	}

	/**
	 * Reads the final reply of a transfer whose data connection the caller has closed, and the
	 * replies of any keep-alive NOOPs, which come before it or after it depending on the server.
	 */
	Reply finalReply() throws IOException {
		int noops = this.keepAlive.takePending();
		Reply reply = this.dialogue.readReply();
		if (noops > 0) {
			// Keep-alive NOOPs went out during the transfer. Servers answer them during it, after
			// its reply, or not each one (pure-ftpd answers several NOOPs that arrive in one read
			// with fewer 500s), so counting replies cannot find the end: skip NOOP answers up to
			// the transfer's reply, then mark the end with a PWD, whose 257 nothing else sends.
			while (ControlKeepAlive.answersNoop(reply)) {
				reply = this.dialogue.readReply();
			}
			this.dialogue.sendWithoutReply("PWD");
			int skipped = 0;
			while (this.dialogue.readReply().code() != ReplyCode.PATHNAME_CREATED) {
				if (++skipped > noops + MAX_ABORT_REPLIES) {
					this.dialogue.markBroken();
					throw new FtpProtocolException("No reply to PWD after a transfer with keep-alive NOOPs");
				}
			}
		}
		return Dialogue.expectCompletion(this.dialogue.checked(reply));
	}

	/**
	 * Brings the dialogue back in step after a transfer ended with a failure reply, after which
	 * a server may send more than that one reply (Twisted's FTP server: a 426, then a 226 for the
	 * same transfer). A NOOP marks the end, and everything before its 200 is skipped, so no later
	 * command reads a reply meant for the transfer. If even that fails the dialogue is broken.
	 */
	void settleAfterFailure() {
		try {
			List<Reply> skipped = new ArrayList<>();
			if (!readToMarker("NOOP", 1, skipped, true)) {
				readToMarker("PWD", 1, skipped, false);
			}
			if (!skipped.isEmpty()) {
				this.dialogue.event("Skipped replies after a failed transfer: " + skipped);
			}
		}
		catch (IOException | RuntimeException ex) {
			this.dialogue.event("Control connection lost its place after a failed transfer: " + ex);
			this.dialogue.markBroken();
		}
	}

	/**
	 * Sends a marker command and collects replies until the marker's own. Replies to NOOPs
	 * (keep-alive ones included) are left out: the marker's reply is the last of them.
	 * @param markerReplies how many replies of the marker's kind to wait for: the marker's and
	 *        those of keep-alive NOOPs still unanswered
	 * @param briefly wait only {@link #ABORT_REPLY_WAIT} for each reply, and give up quietly
	 * @return whether the marker's reply arrived
	 */
	private boolean readToMarker(String marker, int markerReplies, List<Reply> replies, boolean briefly)
			throws IOException {
		int markerCode = marker.equals("NOOP") ? ReplyCode.COMMAND_OK : ReplyCode.PATHNAME_CREATED;
		int wanted = markerReplies;
		this.dialogue.sendWithoutReply(marker);
		for (int i = 0; i < MAX_ABORT_REPLIES + markerReplies; i++) {
			Optional<Reply> reply = briefly ? this.dialogue.readReplyWithin(ABORT_REPLY_WAIT)
					: Optional.of(this.dialogue.readReply());
			if (reply.isEmpty()) {
				return false;
			}
			if (reply.get().code() == markerCode && --wanted == 0) {
				return true;
			}
			if (reply.get().code() != ReplyCode.COMMAND_OK) {
				replies.add(reply.get());
			}
		}
		throw new FtpProtocolException("No reply to " + marker + " after ABOR");
	}

	static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Nothing to do: the connection is being abandoned anyway.
		}
	}

}
