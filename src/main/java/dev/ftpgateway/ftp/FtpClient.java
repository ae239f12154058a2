package dev.ftpgateway.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.ftpgateway.ftp.listing.FtpEntry;

/**
 * An FTP client with the API of Python's {@code ftplib.FTP}, in Java: the same methods with
 * the same meaning ({@code retrbinary} is {@link #retrieveBinary}, {@code sendcmd} is
 * {@link #sendCommand}, ...), plus what ftplib lacks: EPSV/EPRT and IPv6, MLSD/MLST, MDTM,
 * FEAT, separate connect/reply/data timeouts, and streams for transfers.
 *
 * <pre>{@code
 * try (FtpClient ftp = new FtpClient("ftp.example.org")) {
 *     ftp.login();
 *     ftp.retrieveLines("LIST");
 *     try (OutputStream out = Files.newOutputStream(Path.of("README"))) {
 *         ftp.retrieveBinary("RETR README", out::write);
 *     }
 *     ftp.quit();
 * }
 * }</pre>
 *
 * <p>Every failure caused by the server or the network is an {@link IOException}: the
 * {@link FtpException} family for replies, plus socket errors and timeouts (ftplib's
 * {@code all_errors}). Once the control connection is in doubt (an I/O error, a timeout, a
 * protocol violation, a 421) the client reports {@link #isBroken()} until it connects again.
 *
 * <p>Each public method is a few lines over the parts of one {@link Connection} that do the
 * work: {@link Dialogue} (commands and replies), {@link Login}, {@link TransferOpener} and
 * {@link Transfer} (data connections), {@link Resync} (abort), {@link Listings} (MLSD, MLST,
 * LIST) and {@link FileCommands}; how it connects and transfers is its {@link #settings()}.
 *
 * <p>Not thread-safe: one conversation, one thread at a time.
 */
public class FtpClient implements Closeable {

	/** The default port, from RFC 959. */
	public static final int DEFAULT_PORT = 21;

	/** ftplib's default block size for binary transfers. */
	public static final int DEFAULT_BLOCK_SIZE = 8192;

	private final ClientSettings settings = new ClientSettings();

	private final DialogueLog log = new DialogueLog();

	private final ControlKeepAlive keepAlive = new ControlKeepAlive(this.settings);

	/** The current connection; it stays after close() so isBroken() still answers. */
	private Connection connection;

	private String welcome;

	/** Creates a client that is not connected yet; call {@link #connect(String)}. */
	public FtpClient() {
	}

	/** Creates a client and connects it to {@code host} on port 21 (ftplib's {@code FTP(host)}). */
	public FtpClient(String host) throws IOException {
		this(host, null, null, null, null);
	}

	/** Creates a client, connects it to {@code host} and logs in. */
	public FtpClient(String host, String user, String passwd) throws IOException {
		this(host, user, passwd, null, null);
	}

	/**
	 * Creates a client, connects it to {@code host} when one is given and logs in when a user
	 * is given, as ftplib's {@code FTP(host, user, passwd, acct, timeout)}.
	 * @param timeout applies to connecting, replies and data connections; {@code null} keeps
	 *        the default of 60 seconds
	 */
	public FtpClient(String host, String user, String passwd, String acct, Duration timeout) throws IOException {
		if (host == null || host.isEmpty()) {
			return;
		}
		connect(host, 0, timeout);
		if (user != null && !user.isEmpty()) {
			try {
				login(user, passwd, acct);
			}
			catch (IOException | RuntimeException ex) {
				close();
				throw ex;
			}
		}
	}

	// ---- settings ----

	/**
	 * How this client connects and transfers: timeouts, passive or active mode, charset and the
	 * rest; see {@link ClientSettings} for when each takes effect.
	 */
	public ClientSettings settings() {
		return this.settings;
	}

	/**
	 * ftplib's {@code set_debuglevel}: 0 logs nothing (unless the logger is enabled at DEBUG or
	 * TRACE), 1 one line per command and reply, 2 every line both ways. Output goes through
	 * {@link System.Logger} under this class's name; PASS arguments are always masked.
	 */
	public void setDebugLevel(int level) {
		this.log.setDebugLevel(level);
	}

	// ---- connection and login ----

	/** Connects to {@code host} on port 21; returns the welcome message. */
	public String connect(String host) throws IOException {
		return connect(host, 0, null);
	}

	/** Connects to {@code host} on {@code port} (0 means 21); returns the welcome message. */
	public String connect(String host, int port) throws IOException {
		return connect(host, port, null);
	}

	/**
	 * Connects and reads the welcome message.
	 * @param port the port, 0 for 21
	 * @param timeout when not {@code null}, becomes the connect, reply and data timeout, as
	 *        ftplib's timeout applies to every blocking operation
	 * @return the welcome message
	 * @throws FtpTemporaryException when the server turns us away, typically {@code 421 Too
	 *         many connections}
	 */
	public String connect(String host, int port, Duration timeout) throws IOException {
		if (this.connection != null && !this.connection.dialogue.isClosed()) {
			throw new IllegalStateException("Already connected");
		}
		if (timeout != null) {
			this.settings.setAllTimeouts(timeout);
		}
		InetSocketAddress address = new InetSocketAddress(host, (port == 0) ? DEFAULT_PORT : port);
		ControlConnection control = ControlConnection.open(address, this.settings.sourceAddress(),
				this.settings.connectTimeout(), this.settings.replyTimeout(), this.settings.charset(), this.log);
		Dialogue dialogue = new Dialogue(control, this.log, this.settings);
		this.connection = new Connection(dialogue, this.settings, this.keepAlive, this::dataConnected,
				this::retrieveLines);
		try {
			controlConnected(host, address.getPort());
			this.welcome = dialogue.greeting().text();
			return this.welcome;
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** The welcome message the server sent on connecting (ftplib's {@code getwelcome}). */
	public String getWelcome() {
		return this.welcome;
	}

	/** Logs in anonymously, with password {@code anonymous@}. */
	public String login() throws IOException {
		return login("anonymous", "", "");
	}

	/** Logs in; see {@link #login(String, String, String)}. */
	public String login(String user, String passwd) throws IOException {
		return login(user, passwd, "");
	}

	/**
	 * Logs in as ftplib does: USER, then PASS if the server asks (331), then ACCT if it asks
	 * (332). An empty user means anonymous; anonymous with an empty password or {@code -} sends
	 * {@code anonymous@}. When the server offers UTF8 (RFC 2640), it is switched on.
	 * @return the final (2xx) reply
	 * @throws FtpPermanentException typically {@code 530} for wrong credentials
	 */
	public String login(String user, String passwd, String acct) throws IOException {
		return Login.perform(connection(), user, passwd, acct, this.settings.charset()).text();
	}

	// ---- commands ----

	/**
	 * Sends a command and returns the reply text (ftplib's {@code sendcmd}).
	 * @throws FtpTemporaryException on a 4xx reply
	 * @throws FtpPermanentException on a 5xx reply
	 * @throws IllegalArgumentException if {@code cmd} contains CR, LF or NUL (nothing is sent)
	 */
	public String sendCommand(String cmd) throws IOException {
		connection().forgetTypeIfChanged(cmd);
		return dialogue().command(cmd).text();
	}

	/**
	 * Sends a command and expects a 2xx reply (ftplib's {@code voidcmd}).
	 * @throws FtpReplyException on a 1xx or 3xx reply
	 */
	public String voidCommand(String cmd) throws IOException {
		connection().forgetTypeIfChanged(cmd);
		return dialogue().voidCommand(cmd).text();
	}

	/** Reads the next reply, raising on 4xx and 5xx (ftplib's {@code getresp}), to finish a {@link #transferCommand}. */
	public String getResponse() throws IOException {
		return dialogue().response().text();
	}

	/** Reads the next reply and expects a 2xx (ftplib's {@code voidresp}), to finish a {@link #transferCommand}. */
	public String voidResponse() throws IOException {
		return dialogue().voidResponse().text();
	}

	/** Sends NOOP: the cheapest way to check that the session is alive. */
	public String noop() throws IOException {
		return voidCommand("NOOP");
	}

	/**
	 * Aborts a transfer in progress (ftplib's {@code abort}). ABOR goes out with Telnet IP and
	 * Synch as urgent data. Unlike ftplib, this reads every reply the abort causes, so the next
	 * command reads its own reply: a 426 or 451 for the interrupted transfer before the ABOR's
	 * own reply, or a late reply of a transfer that ended just before.
	 * @return the ABOR's reply: 225 or 226
	 * @throws FtpPermanentException if the server refused the ABOR line (MINA FtpServer cannot
	 *         decode the Telnet bytes); the session stays usable
	 * @throws FtpProtocolException if the server answers something else
	 */
	public String abort() throws IOException {
		return connection().resync.abortForCaller().text();
	}

	// ---- transfers ----

	/**
	 * Downloads in binary mode (ftplib's {@code retrbinary}) with 8 KiB blocks.
	 * @param cmd a RETR command, e.g. {@code "RETR README"}
	 * @param callback receives each block; {@code out::write} writes to an OutputStream
	 * @return the final reply, e.g. {@code 226 Transfer complete}
	 */
	public String retrieveBinary(String cmd, BlockSink callback) throws IOException {
		return retrieveBinary(cmd, callback, DEFAULT_BLOCK_SIZE, null);
	}

	/** Downloads in binary mode, reading at most {@code blockSize} bytes per block. */
	public String retrieveBinary(String cmd, BlockSink callback, int blockSize) throws IOException {
		return retrieveBinary(cmd, callback, blockSize, null);
	}

	/**
	 * Downloads in binary mode, starting at byte {@code rest} when it is not {@code null}.
	 * @throws FtpProtocolException when the data connection ends before the size announced in
	 *         the 150 reply: a dropped connection is never a silent short read
	 */
	public String retrieveBinary(String cmd, BlockSink callback, int blockSize, Long rest) throws IOException {
		Objects.requireNonNull(callback, "callback");
		if (blockSize < 1) {
			throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
		}
		Transfer transfer = connection().openTransfer(cmd, 'I', rest, true, rest == null || rest == 0);
		return CopyLoops.receiveBlocks(transfer, callback, blockSize).text();
	}

	/** Downloads in ASCII mode and prints each line to standard output (ftplib's default). */
	public String retrieveLines(String cmd) throws IOException {
		return retrieveLines(cmd, System.out::println);
	}

	/**
	 * Downloads in ASCII mode (ftplib's {@code retrlines}): a RETR, or LIST, NLST, MLSD.
	 * @param callback receives each line without its line end
	 */
	public String retrieveLines(String cmd, Consumer<String> callback) throws IOException {
		Objects.requireNonNull(callback, "callback");
		Transfer transfer = connection().openTransfer(cmd, 'A', null, false, false);
		return CopyLoops.receiveLines(transfer, NameCodec.of(this.settings.charset()), callback).text();
	}

	/** Uploads {@code in} in binary mode with 8 KiB blocks (ftplib's {@code storbinary}). */
	public String storeBinary(String cmd, InputStream in) throws IOException {
		return storeBinary(cmd, in, DEFAULT_BLOCK_SIZE, null, null);
	}

	/** Uploads in binary mode in blocks of {@code blockSize}. */
	public String storeBinary(String cmd, InputStream in, int blockSize) throws IOException {
		return storeBinary(cmd, in, blockSize, null, null);
	}

	/** Uploads in binary mode, calling {@code callback} with each block after it is sent. */
	public String storeBinary(String cmd, InputStream in, int blockSize, Consumer<byte[]> callback) throws IOException {
		return storeBinary(cmd, in, blockSize, callback, null);
	}

	/**
	 * Uploads {@code in}, read to its end, in binary mode.
	 * @param cmd a STOR or APPE command, e.g. {@code "STOR report.csv"}
	 * @param callback called with each block after it is sent, or {@code null}
	 * @param rest the offset to restart at (REST), or {@code null}
	 * @return the final reply
	 */
	public String storeBinary(String cmd, InputStream in, int blockSize, Consumer<byte[]> callback, Long rest)
			throws IOException {
		Transfer transfer = connection().openTransfer(cmd, 'I', rest, true, false);
		return CopyLoops.sendBlocks(transfer, in, blockSize, callback).text();
	}

	/** Uploads lines in ASCII mode (ftplib's {@code storlines}). */
	public String storeLines(String cmd, InputStream in) throws IOException {
		return storeLines(cmd, in, null);
	}

	/**
	 * Uploads the lines of {@code in} in ASCII mode, each sent with a CRLF line end whatever
	 * it had.
	 * @param callback called with each line (without its line end) after it is sent, or {@code null}
	 */
	public String storeLines(String cmd, InputStream in, Consumer<String> callback) throws IOException {
		Transfer transfer = connection().openTransfer(cmd, 'A', null, false, false);
		return CopyLoops.sendLines(transfer, in, NameCodec.of(this.settings.charset()), callback).text();
	}

	/** Starts a transfer and returns its data socket (ftplib's {@code transfercmd}). */
	public Socket transferCommand(String cmd) throws IOException {
		return ntransferCommand(cmd, null).socket();
	}

	/**
	 * Starts a transfer and returns its data socket; finish with {@link #voidResponse()} after
	 * closing the socket.
	 * @param rest the restart offset sent with REST first, or {@code null}
	 */
	public Socket transferCommand(String cmd, Long rest) throws IOException {
		return ntransferCommand(cmd, rest).socket();
	}

	/**
	 * Starts a transfer (ftplib's {@code ntransfercmd}): opens the data connection, sends REST
	 * when {@code rest} is given, sends {@code cmd} and waits for its 1xx reply. The caller
	 * reads or writes the transfer's socket, closes it, then reads the final reply with
	 * {@link #voidResponse()}.
	 * @return the opened transfer: its data socket and the size the 150 reply announced, if any
	 * @throws FtpPermanentException if the server refuses the command (e.g. 550 no such file);
	 *         the data connection is closed and the session stays usable
	 */
	public Transfer ntransferCommand(String cmd, Long rest) throws IOException {
		return connection().transfers.open(cmd, rest, false, false);
	}

	/**
	 * Opens a download as a stream, in binary mode: the gateway's way to stream a file without
	 * holding it. The transfer has shown it works when this returns (the 150 has arrived, and
	 * the first byte or the end of the data), so a missing file, or a server that answers its
	 * 150 with a 425 instead of data, fails here, not on the first read.
	 * @param offset where to start (REST), 0 for the beginning
	 * @return a stream whose {@code close()} reads the final reply and throws if the server
	 *         reports a failure; closing before the end aborts the transfer
	 */
	public TransferInputStream retrieve(String path, long offset) throws IOException {
		Transfer transfer = connection().openTransfer("RETR " + path, 'I', (offset > 0) ? offset : null, true,
				offset == 0);
		return TransferInputStream.afterFirstData(transfer);
	}

	/**
	 * Opens an upload as a stream, in binary mode. Its {@code close()} completes the transfer
	 * and throws unless the server confirms it; {@code abort()} ends it without claiming success.
	 * @param append APPE instead of STOR
	 */
	public TransferOutputStream store(String path, boolean append) throws IOException {
		Transfer transfer = connection().openTransfer((append ? "APPE " : "STOR ") + path, 'I', null, true, false);
		return new TransferOutputStream(transfer);
	}

	/**
	 * Called when the control connection is open, before the greeting is read; FTPS with
	 * implicit TLS starts TLS here.
	 */
	void controlConnected(String host, int port) throws IOException {
	}

	/**
	 * Called with each data connection once the server has accepted the transfer command;
	 * FTPS wraps it in TLS here.
	 * @return the socket to transfer over
	 */
	Socket dataConnected(Socket socket) throws IOException {
		return socket;
	}

	/** The control connection, for FTPS to layer TLS on. */
	ControlConnection controlConnection() {
		return dialogue().connection();
	}

	// ---- listings ----

	/** The names NLST returns (ftplib's {@code nlst}); arguments are joined with spaces. */
	public List<String> nlst(String... args) throws IOException {
		List<String> names = new ArrayList<>();
		retrieveLines(withArguments("NLST", args), names::add);
		return names;
	}

	/** Prints a LIST to standard output (ftplib's {@code dir}). */
	public void dir(String... args) throws IOException {
		dir(System.out::println, args);
	}

	/** Passes each line of a LIST to {@code callback}. */
	public void dir(Consumer<String> callback, String... args) throws IOException {
		retrieveLines(withArguments("LIST", args), callback);
	}

	/**
	 * Lists a directory with MLSD (RFC 3659; ftplib's {@code mlsd}): machine-readable facts
	 * instead of {@code ls} output. Lines the parser cannot read are skipped.
	 * @param path the directory, or an empty string for the working directory
	 * @param facts the facts to ask for (OPTS MLST) first, or none for the server's default
	 */
	public List<FtpEntry> mlsd(String path, String... facts) throws IOException {
		if (facts.length > 0) {
			dialogue().voidCommand("OPTS MLST " + String.join(";", facts) + ";");
		}
		List<FtpEntry> entries = new ArrayList<>();
		connection().listings.mlsd(path, entries::add);
		return entries;
	}

	/** The facts of one file or directory (MLST, RFC 3659), sent on the control connection. */
	public FtpEntry mlst(String path) throws IOException {
		return connection().listings.mlst(path);
	}

	/**
	 * MLST of each path, all sent together: one round trip for all (only for servers that take
	 * pipelined commands). Empty where nothing is there (550, or MINA's 501); other refusals throw.
	 */
	public List<Optional<FtpEntry>> mlstEach(List<String> paths) throws IOException {
		return connection().listings.mlstEach(paths);
	}

	/**
	 * Lists a directory into entries, whatever the server supports: MLSD when FEAT announces
	 * MLST (unless {@link ClientSettings#setUseMlsd} turned it off), otherwise LIST read as Unix
	 * or DOS lines (vsftpd has no MLSD). The directory's own and parent entries are left out.
	 */
	public List<FtpEntry> list(String path) throws IOException {
		List<FtpEntry> entries = new ArrayList<>();
		list(path, entries::add);
		return entries;
	}

	/** Lists a directory as {@link #list(String)} does, handing each entry over as it arrives. */
	public void list(String path, Consumer<FtpEntry> callback) throws IOException {
		boolean mlsd = this.settings.useMlsd() && connection().features().containsKey("MLST");
		connection().listings.entries(path, mlsd, callback);
	}

	/**
	 * Lists a directory with LIST even where the server offers MLSD: the listing that shows, on
	 * Unix servers, which entries are symbolic links and where they point ({@code l...} lines with
	 * {@code ->}), which MLSD leaves out (proftpd, pure-ftpd) or follows (pyftpdlib).
	 */
	public void listWithLinkTargets(String path, Consumer<FtpEntry> callback) throws IOException {
		connection().listings.entries(path, false, callback);
	}

	// ---- file operations ----

	/** Renames (RNFR, RNTO). */
	public String rename(String from, String to) throws IOException {
		return connection().files.rename(from, to);
	}

	/**
	 * Deletes a file (DELE).
	 * @throws FtpReplyException for a reply other than 250 or 200
	 */
	public String delete(String name) throws IOException {
		return connection().files.delete(name);
	}

	/** Changes the working directory; {@code ..} sends CDUP, which some servers lack (500), then CWD. */
	public String cwd(String path) throws IOException {
		return connection().files.cwd(path);
	}

	/**
	 * Creates a directory.
	 * @return the path from the 257 reply, or an empty string from servers (IIS on Windows
	 *         Server 2003) that answer with another 2xx
	 */
	public String mkd(String path) throws IOException {
		return connection().files.mkd(path);
	}

	/** The working directory, from the 257 reply. */
	public String pwd() throws IOException {
		return connection().files.pwd();
	}

	/** Removes a directory (RMD). */
	public String rmd(String dir) throws IOException {
		return connection().files.rmd(dir);
	}

	/**
	 * The size of a file. Switches to binary first, since proftpd and pyftpdlib refuse SIZE in
	 * ASCII mode.
	 * @return the size, or empty when the server has no SIZE (500, 502, 504), or says there is no
	 *         plain file of that name (550, or 501 for a name it cannot take)
	 * @throws FtpException for any other refusal, such as 530 when the session is not logged in
	 */
	public OptionalLong size(String path) throws IOException {
		connection().ensureType('I');
		return connection().files.size(path);
	}

	/**
	 * The last modification time of a file (MDTM, RFC 3659), read as UTC.
	 * @return the time, or empty when the server has no MDTM or knows no such file, as for {@link #size}
	 */
	public Optional<Instant> mdtm(String path) throws IOException {
		return connection().files.mdtm(path);
	}

	/**
	 * {@link #size} and {@link #mdtm} of each file, all sent together: one round trip for all.
	 * Only for servers that take pipelined commands ({@link #acceptsPipelining}).
	 */
	public List<FileStatus> sizeAndMdtmEach(List<String> paths) throws IOException {
		connection().ensureType('I');
		return connection().files.sizeAndMdtmEach(paths);
	}

	/**
	 * Whether the server takes a command while it still answers the one before (RFC 959 does not
	 * promise it), found out with two NOOPs sent together. A server that drops the second one
	 * leaves this connection out of step: it is then broken, and this answers false.
	 * @param wait how long to wait for each of the two replies
	 */
	public boolean acceptsPipelining(Duration wait) throws IOException {
		return connection().files.acceptsPipelining(wait);
	}

	/**
	 * The extensions the server announces in reply to FEAT (RFC 2389), as upper-case names
	 * mapped to their parameters ({@code "MLST" -> "type*;size*;modify*;"}, {@code "UTF8" -> ""}).
	 * Asked once per connection; empty when the server has no FEAT.
	 */
	public Map<String, String> features() throws IOException {
		return connection().features();
	}

	// ---- session state ----

	/** Whether the control connection is open and not known to be broken. */
	public boolean isConnected() {
		return this.connection != null && this.connection.dialogue.isOpen() && !isBroken();
	}

	/**
	 * Whether the connection can no longer be trusted: an I/O error, timeout or protocol error
	 * hit the control connection, the server said 421, or an aborted transfer left the dialogue
	 * out of step. Once true, it stays true for this connection: a pool must discard the session.
	 */
	public boolean isBroken() {
		return this.connection != null && this.connection.dialogue.isBroken();
	}

	/**
	 * Whether a stream from {@link #retrieve} or {@link #store} is still open: until it is
	 * closed the session is mid-transfer and accepts no command, so it must not be reused.
	 */
	public boolean isTransferOpen() {
		return this.connection != null && this.connection.dialogue.isBusy();
	}

	/** Sends QUIT and closes the connection, even if the server's reply is an error. */
	public String quit() throws IOException {
		try {
			return voidCommand("QUIT");
		}
		finally {
			close();
		}
	}

	/**
	 * Closes the connection, and the data connection of an open transfer stream, without QUIT.
	 * Calling it again does nothing.
	 */
	@Override
	public void close() throws IOException {
		if (this.connection != null && !this.connection.dialogue.isClosed()) {
			this.connection.dialogue.close();
		}
	}

	// ---- helpers ----

	private Connection connection() {
		if (this.connection == null || this.connection.dialogue.isClosed()) {
			throw new IllegalStateException("Not connected");
		}
		return this.connection;
	}

	private Dialogue dialogue() {
		return connection().dialogue;
	}

	private static String withArguments(String verb, String... args) {
		return (args.length == 0) ? verb : verb + " " + String.join(" ", args);
	}

}
