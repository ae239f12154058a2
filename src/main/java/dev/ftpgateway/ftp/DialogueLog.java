package dev.ftpgateway.ftp;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Logs the control-connection dialogue through {@link System.Logger}, so the client needs no
 * logging library and an application routes it wherever it likes.
 *
 * <p>An explicit debug level (ftplib's {@code set_debuglevel}) logs at INFO: level 1 one line
 * per command and reply, level 2 every line both ways. With level 0 the dialogue still goes
 * out when the logger is enabled for it: DEBUG gives level 1, TRACE level 2; that is how a
 * server application turns it on from its logging configuration. Passwords are always masked.
 */
final class DialogueLog {

	private static final Logger LOGGER = System.getLogger(FtpClient.class.getName());

	private volatile int debugLevel;

	void setDebugLevel(int debugLevel) {
		this.debugLevel = Math.max(0, debugLevel);
	}

	int debugLevel() {
		return this.debugLevel;
	}

	void command(String line) {
		log(1, "*cmd* ", mask(line));
	}

	void reply(Reply reply) {
		log(1, "*resp* ", reply.text());
	}

	void put(String line) {
		log(2, "*put* ", mask(line));
	}

	void get(String line) {
		log(2, "*get* ", line);
	}

	void event(String message) {
		log(1, "*info* ", message);
	}

	private void log(int detail, String prefix, String message) {
		Level level = levelFor(detail);
		if (level != null && LOGGER.isLoggable(level)) {
			LOGGER.log(level, prefix + message);
		}
	}

	private Level levelFor(int detail) {
		if (this.debugLevel >= detail) {
			return Level.INFO;
		}
		if (this.debugLevel == 0) {
			return (detail == 1) ? Level.DEBUG : Level.TRACE;
		}
		return null;
	}

	/**
	 * Hides the argument of PASS and ACCT. The mask has a fixed length, so the log does not
	 * tell how long the password is either.
	 */
	static String mask(String line) {
		String upper = line.toUpperCase(Locale.ROOT);
		if (upper.startsWith("PASS ") || upper.startsWith("ACCT ")) {
			return line.substring(0, 5) + "*****";
		}
		return line;
	}

}
