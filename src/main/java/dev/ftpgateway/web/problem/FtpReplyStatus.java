package dev.ftpgateway.web.problem;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import dev.ftpgateway.ftp.ReplyCode;

/**
 * Chooses the HTTP status for an FTP error reply. FTP codes say little on their own (550 covers
 * "no such file" and "permission denied" on most servers), so the reply text is read as well.
 */
public final class FtpReplyStatus {

	/** Words servers use when refusing for lack of rights (vsftpd "Permission denied", IIS "Access is denied"). */
	private static final Pattern PERMISSION = Pattern.compile("permission|denied|not allowed|forbidden|\\baccess\\b",
			Pattern.CASE_INSENSITIVE);

	/** Words for an existing target (ProFTPD and MINA answer MKD on an existing folder with 550 "exists"). */
	private static final Pattern EXISTS = Pattern.compile("\\bexists\\b",
			Pattern.CASE_INSENSITIVE);

	private FtpReplyStatus() {
	}

	/** The HTTP status for an FTP error reply with {@code code} and full reply {@code text} (may be null). */
	public static HttpStatus forReply(int code, String text) {
		String reply = (text != null) ? text.toLowerCase(Locale.ROOT) : "";
		return switch (code) {
			// The gateway's own login was refused: our upstream is misconfigured, not the caller wrong.
			case ReplyCode.NOT_LOGGED_IN, ReplyCode.NEED_ACCOUNT_FOR_STORING -> HttpStatus.BAD_GATEWAY;
			case ReplyCode.FILE_UNAVAILABLE -> PERMISSION.matcher(reply).find() ? HttpStatus.FORBIDDEN
					: EXISTS.matcher(reply).find() ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND;
			// 553 is "file name not allowed", but Pure-FTPd and some IIS versions send it for missing rights.
			case ReplyCode.FILE_NAME_NOT_ALLOWED -> PERMISSION.matcher(reply).find() ? HttpStatus.FORBIDDEN
					: HttpStatus.BAD_REQUEST;
			case ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS -> HttpStatus.BAD_REQUEST;
			case ReplyCode.STORAGE_EXCEEDED, ReplyCode.INSUFFICIENT_STORAGE -> HttpStatus.INSUFFICIENT_STORAGE;
			// 421 says the server is going away: a retry later may succeed.
			case ReplyCode.SERVICE_NOT_AVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case ReplyCode.CANNOT_OPEN_DATA_CONNECTION, ReplyCode.TRANSFER_ABORTED -> HttpStatus.BAD_GATEWAY;
			case ReplyCode.FILE_BUSY, ReplyCode.LOCAL_ERROR -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> (code >= 400 && code < 500) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		};
	}

}
