package dev.ftpgateway.ftp;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Logging in as ftplib does: USER, then PASS if the server asks (331), then ACCT if it asks
 * (332), then UTF-8 names switched on where the server offers them (RFC 2640).
 */
final class Login {

	private static final String ANONYMOUS = "anonymous";

	private Login() {
	}

	/**
	 * An empty user means anonymous; anonymous with an empty password or {@code -} sends
	 * {@code anonymous@}, as ftplib does.
	 * @return the final (2xx) reply
	 */
	static Reply perform(Connection connection, String user, String passwd, String acct, Charset charset)
			throws IOException {
		String name = (user == null || user.isEmpty()) ? ANONYMOUS : user;
		String password = (passwd == null) ? "" : passwd;
		if (name.equals(ANONYMOUS) && (password.isEmpty() || password.equals("-"))) {
			password += "anonymous@";
		}
		Dialogue dialogue = connection.dialogue;
		Reply reply = dialogue.command("USER " + name);
		if (reply.isIntermediate()) {
			reply = dialogue.command("PASS " + password);
		}
		if (reply.isIntermediate()) {
			reply = dialogue.command("ACCT " + ((acct == null) ? "" : acct));
		}
		Dialogue.expectCompletion(reply);
		if (charset.equals(StandardCharsets.UTF_8) && connection.features().containsKey("UTF8")) {
			dialogue.trySend("OPTS UTF8 ON");
		}
		return reply;
	}

}
