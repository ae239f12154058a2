package dev.ftpgateway.ftp;

/**
 * The reply codes the client acts on, named as RFC 959 (and RFC 2228, 2428, 3659 for the ones
 * they add) describe them, so code that compares a reply reads as what the reply means.
 */
public final class ReplyCode {

	/** 120: the server will be ready in a while; the real greeting follows. */
	public static final int SERVICE_READY_IN_MINUTES = 120;

	/** 150: the file is there and the data connection is about to open. */
	public static final int OPENING_DATA_CONNECTION = 150;

	/** 200: the command worked (NOOP, TYPE, PORT, ...). */
	public static final int COMMAND_OK = 200;

	/** 213: a file's status, the answer to SIZE and MDTM. */
	public static final int FILE_STATUS = 213;

	/** 225: the data connection is open and no transfer runs (one of the answers to ABOR). */
	public static final int DATA_CONNECTION_OPEN = 225;

	/** 226: the transfer is complete and the data connection closed. */
	public static final int CLOSING_DATA_CONNECTION = 226;

	/** 227: entering passive mode, with the address to connect to. */
	public static final int ENTERING_PASSIVE_MODE = 227;

	/** 229: entering extended passive mode, with the port to connect to (RFC 2428). */
	public static final int ENTERING_EXTENDED_PASSIVE_MODE = 229;

	/** 250: the file action worked (DELE, RMD, CWD, RNTO). */
	public static final int FILE_ACTION_OK = 250;

	/** 257: a path was created or is the working directory, quoted in the text. */
	public static final int PATHNAME_CREATED = 257;

	/** 421: the server is closing the control connection. */
	public static final int SERVICE_NOT_AVAILABLE = 421;

	/** 425: the server could not open the data connection. */
	public static final int CANNOT_OPEN_DATA_CONNECTION = 425;

	/** 426: the data connection closed and the transfer was aborted. */
	public static final int TRANSFER_ABORTED = 426;

	/** 450: the file is busy or unavailable for now. */
	public static final int FILE_BUSY = 450;

	/** 451: the action was aborted by a local error on the server. */
	public static final int LOCAL_ERROR = 451;

	/** 452: not enough storage on the server for now. */
	public static final int INSUFFICIENT_STORAGE = 452;

	/** 500: the command was not understood. */
	public static final int SYNTAX_ERROR = 500;

	/** 501: the command's arguments were not understood. */
	public static final int SYNTAX_ERROR_IN_ARGUMENTS = 501;

	/** 502: the command is not implemented. */
	public static final int COMMAND_NOT_IMPLEMENTED = 502;

	/** 503: commands in the wrong order. */
	public static final int BAD_SEQUENCE = 503;

	/** 504: the command is not implemented for that argument. */
	public static final int NOT_IMPLEMENTED_FOR_PARAMETER = 504;

	/** 530: not logged in; the answer to wrong credentials. */
	public static final int NOT_LOGGED_IN = 530;

	/** 532: an account is needed to store files. */
	public static final int NEED_ACCOUNT_FOR_STORING = 532;

	/** 550: the file is unavailable: missing, not a plain file, or no access. */
	public static final int FILE_UNAVAILABLE = 550;

	/** 552: the storage allocation is exceeded. */
	public static final int STORAGE_EXCEEDED = 552;

	/** 553: the file name is not allowed. */
	public static final int FILE_NAME_NOT_ALLOWED = 553;

	private ReplyCode() {
	}

	/**
	 * Whether the reply says the command itself is unknown to the server (500, 502) or to it for
	 * this argument (504), rather than that it failed.
	 */
	public static boolean meansNotImplemented(int code) {
		return code == SYNTAX_ERROR || code == COMMAND_NOT_IMPLEMENTED || code == NOT_IMPLEMENTED_FOR_PARAMETER;
	}

}
