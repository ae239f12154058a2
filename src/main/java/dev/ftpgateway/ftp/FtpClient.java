package dev.ftpgateway.ftp;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import dev.ftpgateway.ftp.listing.AutoListParser;
import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.ftp.listing.ListingParser;
import dev.ftpgateway.ftp.listing.MlsdParser;

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
 * protocol violation, a 421) the client reports {@link #isBroken()} for good.
 *
 * <p>Not thread-safe: one conversation, one thread at a time.
 */
public class FtpClient implements Closeable {

	/** The default port, from RFC 959. */
	public static final int DEFAULT_PORT = 21;

	/** ftplib's default block size for binary transfers. */
	public static final int DEFAULT_BLOCK_SIZE = 8192;

	/**
	 * The least a download reads from its data socket at a time, whatever the block size: a
	 * system call per 8 KiB block (ftplib's default) costs more than handing the callback 8 KiB
	 * slices of one bigger read, which put retrieveBinary ahead of Commons Net's
	 * retrieveFileStream at 8 KiB blocks and level at 64 KiB (src/bench/RESULTS.md).
	 */
	private static final int READ_STEP = 256 * 1024;

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/** How long an abort waits for each reply before it moves on to the next way of finding its end. */
	private static final Duration ABORT_REPLY_WAIT = Duration.ofSeconds(2);

	/** The most an abort reads from a TLS data connection while waiting for the server to end it. */
	private static final long MAX_ABORT_DRAIN_BYTES = 16L * 1024 * 1024;

	/** Replies an abort may cause before the NOOP's: a 426/451, a 226, the ABOR's own, two 501s. */
	private static final int MAX_ABORT_REPLIES = 6;

	private final DialogueLog log = new DialogueLog();

	private static final MlsdParser MLSD_PARSER = new MlsdParser();

	private final DataConnector dataConnector = new DataConnector(this::command);

	private Duration connectTimeout = DEFAULT_TIMEOUT;

	private Duration replyTimeout = DEFAULT_TIMEOUT;

	private Duration dataTimeout = DEFAULT_TIMEOUT;

	private Charset charset = StandardCharsets.UTF_8;

	private InetSocketAddress sourceAddress;

	private boolean passive = true;

	private boolean trustPassiveHost;

	private boolean useMlsd = true;

	private FtpEventListener eventListener = FtpEventListener.NONE;

	private ControlKeepAlive keepAlive = new ControlKeepAlive(Duration.ZERO);

	private ControlConnection control;

	private String welcome;

	private Map<String, String> features;

	/** Learns which LIST format the server uses, so it is per connection. */
	private ListingParser listParser;

	private char type;

	private boolean broken;

	/** The data connection of the open transfer stream, if any; no other command may run meanwhile. */
	private Socket streamSocket;

	/** The server could not take ABOR with Telnet IP and Synch (MINA FtpServer): send it plain. */
	private boolean telnetAbortRefused;

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

	/** How long a TCP connect, control or data, may take. */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = Objects.requireNonNull(connectTimeout);
	}

	/** How long to wait for each read of a reply on the control connection; takes effect at once. */
	public void setReplyTimeout(Duration replyTimeout) throws IOException {
		this.replyTimeout = Objects.requireNonNull(replyTimeout);
		if (this.control != null) {
			this.control.setReadTimeout(replyTimeout);
		}
	}

	/** How long a data connection may stay silent, and how long to wait for the server to connect in active mode. */
	public void setDataTimeout(Duration dataTimeout) {
		this.dataTimeout = Objects.requireNonNull(dataTimeout);
	}

	/** The encoding of commands, replies and listings; UTF-8 unless set (RFC 2640). Set before connecting. */
	public void setCharset(Charset charset) {
		this.charset = Objects.requireNonNull(charset);
	}

	/** The local address (port 0 for any) that control and data connections are made from. */
	public void setSourceAddress(InetSocketAddress sourceAddress) {
		this.sourceAddress = sourceAddress;
	}

	/** Passive mode (the default) when true, active mode (EPRT/PORT) when false: ftplib's {@code set_pasv}. */
	public void setPassive(boolean passive) {
		this.passive = passive;
	}

	/**
	 * Whether to connect to the host a 227 reply names. Off by default: the data connection goes
	 * to the control connection's peer, so a server cannot point the client at another host.
	 */
	public void setTrustPassiveHost(boolean trustPassiveHost) {
		this.trustPassiveHost = trustPassiveHost;
	}

	/**
	 * Whether {@link #list} asks for MLSD when the server announces MLST (the default), or
	 * always lists with LIST. MLSD gives exact UTC times and unambiguous types and names; LIST
	 * times are the server's local time to the minute, or to the day for older files. Some
	 * servers answer LIST much faster than MLSD (proftpd: about twice as fast for 10,000 entries).
	 */
	public void setUseMlsd(boolean useMlsd) {
		this.useMlsd = useMlsd;
	}

	/**
	 * Sends NOOP on the control connection every {@code interval} while a stream from
	 * {@link #retrieve} or {@link #store} moves data, so NAT gateways and firewalls that drop
	 * idle connections keep the control connection of a long transfer. The replies are read when
	 * the transfer ends, whether the server sent them during the transfer or after its final
	 * reply. Off ({@link Duration#ZERO}) unless set.
	 */
	public void setControlKeepAlive(Duration interval) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("interval must not be negative: " + interval);
		}
		this.keepAlive = new ControlKeepAlive(interval);
	}

	/** Who hears about commands and transfers, for metrics; nobody unless set. */
	public void setEventListener(FtpEventListener eventListener) {
		this.eventListener = Objects.requireNonNull(eventListener);
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
		if (this.control != null) {
			throw new IllegalStateException("Already connected");
		}
		if (timeout != null) {
			this.connectTimeout = timeout;
			this.replyTimeout = timeout;
			this.dataTimeout = timeout;
		}
		InetSocketAddress address = new InetSocketAddress(host, (port == 0) ? DEFAULT_PORT : port);
		this.control = ControlConnection.open(address, this.sourceAddress, this.connectTimeout, this.replyTimeout,
				this.charset, this.log);
		this.broken = false;
		this.telnetAbortRefused = false;
		this.features = null;
		this.listParser = new AutoListParser();
		this.type = 0;
		try {
			controlConnected(host, address.getPort());
			Reply reply = response();
			// RFC 959: "120 Service ready in nnn minutes" comes before the real greeting.
			while (reply.isPreliminary()) {
				reply = response();
			}
			this.welcome = reply.text();
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
		String name = (user == null || user.isEmpty()) ? "anonymous" : user;
		String password = (passwd == null) ? "" : passwd;
		if (name.equals("anonymous") && (password.isEmpty() || password.equals("-"))) {
			password += "anonymous@";
		}
		Reply reply = command("USER " + name);
		if (reply.isIntermediate()) {
			reply = command("PASS " + password);
		}
		if (reply.isIntermediate()) {
			reply = command("ACCT " + ((acct == null) ? "" : acct));
		}
		if (!reply.isPositiveCompletion()) {
			throw new FtpReplyException(reply);
		}
		if (this.charset.equals(StandardCharsets.UTF_8) && features().containsKey("UTF8")) {
			trySend("OPTS UTF8 ON");
		}
		return reply.text();
	}

	// ---- commands ----

	/**
	 * Sends a command and returns the reply text (ftplib's {@code sendcmd}).
	 * @throws FtpTemporaryException on a 4xx reply
	 * @throws FtpPermanentException on a 5xx reply
	 * @throws IllegalArgumentException if {@code cmd} contains CR, LF or NUL (nothing is sent)
	 */
	public String sendCommand(String cmd) throws IOException {
		forgetTypeIfChanged(cmd);
		return command(cmd).text();
	}

	/**
	 * Sends a command and expects a 2xx reply (ftplib's {@code voidcmd}).
	 * @throws FtpReplyException on a 1xx or 3xx reply
	 */
	public String voidCommand(String cmd) throws IOException {
		forgetTypeIfChanged(cmd);
		return voidCommandReply(cmd).text();
	}

	/** Reads the next reply, raising on 4xx and 5xx (ftplib's {@code getresp}), to finish a {@link #transferCommand}. */
	public String getResponse() throws IOException {
		return response().text();
	}

	/** Reads the next reply and expects a 2xx (ftplib's {@code voidresp}), to finish a {@link #transferCommand}. */
	public String voidResponse() throws IOException {
		return voidReply().text();
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
		checkConnected();
		List<Reply> replies;
		try {
			replies = abortInStep(null);
		}
		catch (IOException | RuntimeException ex) {
			this.broken = true;
			throw ex;
		}
		Reply last = null;
		for (Reply reply : replies) {
			if (reply.code() == 225 || reply.code() == 226) {
				return reply.text();
			}
			last = reply;
		}
		if (last != null && last.kind() == 5) {
			throw new FtpPermanentException(last);
		}
		this.broken = true;
		throw (last != null) ? new FtpProtocolException("Unexpected reply to ABOR", last)
				: new FtpProtocolException("No reply to ABOR");
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
	 * @return the replies before the marker's, in order
	 */
	private List<Reply> abortInStep(Closeable dataConnection) throws IOException {
		this.log.command("ABOR");
		if (this.telnetAbortRefused) {
			this.control.send("ABOR");
		}
		else {
			this.control.sendAbort();
		}
		if (dataConnection instanceof TlsDataSocket tls) {
			tls.drainAfterAbort(ABORT_REPLY_WAIT, MAX_ABORT_DRAIN_BYTES);
		}
		if (dataConnection != null) {
			closeQuietly(dataConnection);
		}
		List<Reply> replies = new ArrayList<>();
		Optional<Reply> first = readReplyWithin(ABORT_REPLY_WAIT);
		int keepAliveNoops = this.keepAlive.takePending();
		if (first.isPresent() && keepAliveNoops > 0 && ControlKeepAlive.answersNoop(first.get())) {
			keepAliveNoops--;
		}
		else {
			first.ifPresent(replies::add);
		}
		if (!endOfAbort("NOOP", keepAliveNoops + 1, replies, true)) {
			endOfAbort("PWD", 1, replies, false);
		}
		if (replies.stream().anyMatch(reply -> reply.code() == 501)) {
			this.telnetAbortRefused = true;
		}
		return replies;
	}

	/**
	 * Sends a marker command and collects replies until the marker's own. Replies to NOOPs
	 * (keep-alive ones included) are left out: the marker's reply is the last of them.
	 * @param markerReplies how many replies of the marker's kind to wait for: the marker's and
	 *        those of keep-alive NOOPs still unanswered
	 * @param briefly wait only {@link #ABORT_REPLY_WAIT} for each reply, and give up quietly
	 * @return whether the marker's reply arrived
	 */
	private boolean endOfAbort(String marker, int markerReplies, List<Reply> replies, boolean briefly)
			throws IOException {
		int markerCode = marker.equals("NOOP") ? 200 : 257;
		int wanted = markerReplies;
		this.control.send(marker);
		for (int i = 0; i < MAX_ABORT_REPLIES + markerReplies; i++) {
			Optional<Reply> reply = briefly ? readReplyWithin(ABORT_REPLY_WAIT) : Optional.of(readReply());
			if (reply.isEmpty()) {
				return false;
			}
			if (reply.get().code() == markerCode && --wanted == 0) {
				return true;
			}
			if (reply.get().code() != 200) {
				replies.add(reply.get());
			}
		}
		throw new FtpProtocolException("No reply to " + marker + " after ABOR");
	}

	/** Reads a reply if one arrives within {@code wait}; the reply timeout applies again afterwards. */
	private Optional<Reply> readReplyWithin(Duration wait) throws IOException {
		Duration shorter = (wait.compareTo(this.replyTimeout) < 0 || this.replyTimeout.isZero()) ? wait : this.replyTimeout;
		this.control.setReadTimeout(shorter);
		try {
			return Optional.of(readReplyKeepingStep());
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
		finally {
			this.control.setReadTimeout(this.replyTimeout);
		}
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
		prepareTransfer(cmd, 'I');
		DataTransfer transfer = ntransferCommand(cmd, rest);
		long received = 0;
		boolean succeeded = false;
		Socket socket = transfer.socket();
		try {
			try {
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[Math.max(blockSize, READ_STEP)];
				int n;
				while ((n = in.read(buffer)) != -1) {
					for (int offset = 0; offset < n; offset += blockSize) {
						callback.accept(buffer, offset, Math.min(blockSize, n - offset));
					}
					received += n;
				}
			}
			catch (IOException | RuntimeException ex) {
				abortQuietly(socket);
				throw ex;
			}
			socket.close();
			Reply reply = voidReply();
			if (rest == null || rest == 0) {
				checkComplete(transfer.expectedSize(), received, reply);
			}
			succeeded = true;
			return reply.text();
		}
		finally {
			transferEnded(cmd, received, succeeded);
		}
	}

	static void checkComplete(OptionalLong expected, long received, Reply reply) throws FtpProtocolException {
		if (expected.isPresent() && received < expected.getAsLong()) {
			throw new FtpProtocolException(
					"Data connection closed after " + received + " of " + expected.getAsLong() + " bytes", reply);
		}
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
		prepareTransfer(cmd, 'A');
		DataTransfer transfer = ntransferCommand(cmd, null);
		Socket socket = transfer.socket();
		try {
			LineReader lines = new LineReader(socket.getInputStream(), ReplyReader.MAX_LINE_BYTES);
			byte[] line;
			while ((line = lines.readLine()) != null) {
				callback.accept(new String(line, this.charset));
			}
		}
		catch (IOException | RuntimeException ex) {
			abortQuietly(socket);
			throw ex;
		}
		socket.close();
		return voidResponse();
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
		prepareTransfer(cmd, 'I');
		DataTransfer transfer = ntransferCommand(cmd, rest);
		long sent = 0;
		boolean succeeded = false;
		Socket socket = transfer.socket();
		try {
			try {
				OutputStream out = socket.getOutputStream();
				byte[] buffer = new byte[blockSize];
				int n;
				while ((n = in.read(buffer)) != -1) {
					out.write(buffer, 0, n);
					sent += n;
					if (callback != null) {
						callback.accept(Arrays.copyOf(buffer, n));
					}
				}
				out.flush();
			}
			catch (IOException | RuntimeException ex) {
				abortQuietly(socket);
				throw ex;
			}
			endUpload(socket);
			String reply = voidResponse();
			succeeded = true;
			return reply;
		}
		finally {
			transferEnded(cmd, sent, succeeded);
		}
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
		prepareTransfer(cmd, 'A');
		DataTransfer transfer = ntransferCommand(cmd, null);
		Socket socket = transfer.socket();
		try {
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), DEFAULT_BLOCK_SIZE);
			// ftplib's limit on lines it reads from the caller's file, too.
			LineReader lines = new LineReader(in, ReplyReader.MAX_LINE_BYTES);
			byte[] line;
			while ((line = lines.readLine()) != null) {
				out.write(line);
				out.write('\r');
				out.write('\n');
				if (callback != null) {
					callback.accept(new String(line, this.charset));
				}
			}
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			abortQuietly(socket);
			throw ex;
		}
		endUpload(socket);
		return voidResponse();
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
	 * Starts a transfer (ftplib's {@code ntransfercmd}): opens the data connection (passive:
	 * EPSV or PASV and connect; active: EPRT or PORT and accept), sends REST when {@code rest}
	 * is given, sends {@code cmd} and waits for its 1xx reply.
	 * @return the data socket and the size the 150 reply announced, if any
	 * @throws FtpPermanentException if the server refuses the command (e.g. 550 no such file);
	 *         the data connection is closed and the session stays usable
	 */
	public DataTransfer ntransferCommand(String cmd, Long rest) throws IOException {
		checkNotStreaming();
		checkConnected();
		ControlConnection.checkSafe(cmd);
		Socket socket;
		Reply reply;
		if (this.passive) {
			socket = this.dataConnector.connectPassive(this.control.peerAddress(), this.trustPassiveHost,
					this.sourceAddress, this.connectTimeout, this.dataTimeout);
			try {
				reply = startTransfer(cmd, rest);
			}
			catch (IOException | RuntimeException ex) {
				socket.close();
				throw ex;
			}
		}
		else {
			try (ServerSocket listener = this.dataConnector.listenActive(this.control.localAddress(), this.dataTimeout)) {
				reply = startTransfer(cmd, rest);
				try {
					socket = DataConnector.accept(listener, this.control.peerAddress(), this.dataTimeout);
				}
				catch (IOException ex) {
					// The server has said 150 and will report its failed connect (425) on the
					// control connection: read that, or the next command reads it instead.
					throw explainDataFailure(ex);
				}
			}
		}
		try {
			socket = dataConnected(socket);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw explainDataFailure(ex);
		}
		return new DataTransfer(socket, Replies.parse150(reply));
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

	/**
	 * A data connection failed after the transfer command was accepted (a TLS handshake the
	 * server rejected, typically): the server says why on the control connection, as vsftpd's
	 * {@code 522 SSL connection failed: session reuse required}. That reply makes the better
	 * error; the session is in step once it is read.
	 */
	private IOException explainDataFailure(IOException failure) {
		try {
			Reply reply = response();
			failure.addSuppressed(new FtpReplyException(reply));
			return failure;
		}
		catch (FtpTemporaryException | FtpPermanentException explained) {
			explained.addSuppressed(failure);
			return explained;
		}
		catch (IOException unexplained) {
			this.broken = true;
			failure.addSuppressed(unexplained);
			return failure;
		}
	}

	/** The control connection, for FTPS to layer TLS on. */
	ControlConnection controlConnection() {
		checkConnected();
		return this.control;
	}

	private Reply startTransfer(String cmd, Long rest) throws IOException {
		if (rest != null) {
			Reply restReply = command("REST " + rest);
			if (!restReply.isIntermediate()) {
				throw new FtpReplyException(restReply);
			}
		}
		Reply reply;
		try {
			reply = command(cmd);
		}
		catch (FtpException ex) {
			if (rest != null && rest != 0) {
				// Some servers keep the restart marker for the next transfer command; the next
				// RETR or STOR on this session would start at the wrong offset.
				trySend("REST 0");
			}
			throw ex;
		}
		// ftplib: "Some servers apparently send a 200 reply to a LIST or STOR command, before
		// the 150 reply (and way before the 226 reply)."
		if (reply.isPositiveCompletion()) {
			reply = response();
		}
		if (!reply.isPreliminary()) {
			throw new FtpReplyException(reply);
		}
		return reply;
	}

	/**
	 * Opens a download as a stream, in binary mode: the gateway's way to stream a file without
	 * holding it. The transfer is open (the 150 has arrived) when this returns, so a missing
	 * file fails here, not on the first read.
	 * @param offset where to start (REST), 0 for the beginning
	 * @return a stream whose {@code close()} reads the final reply and throws if the server
	 *         reports a failure; closing before the end aborts the transfer
	 */
	public TransferInputStream retrieve(String path, long offset) throws IOException {
		String cmd = "RETR " + path;
		prepareTransfer(cmd, 'I');
		DataTransfer transfer = ntransferCommand(cmd, (offset > 0) ? offset : null);
		this.streamSocket = transfer.socket();
		this.keepAlive.transferStarted();
		return new TransferInputStream(this, cmd, transfer, offset == 0);
	}

	/**
	 * Opens an upload as a stream, in binary mode. Its {@code close()} completes the transfer
	 * and throws unless the server confirms it; {@code abort()} ends it without claiming success.
	 * @param append APPE instead of STOR
	 */
	public TransferOutputStream store(String path, boolean append) throws IOException {
		String cmd = (append ? "APPE " : "STOR ") + path;
		prepareTransfer(cmd, 'I');
		DataTransfer transfer = ntransferCommand(cmd, null);
		this.streamSocket = transfer.socket();
		this.keepAlive.transferStarted();
		return new TransferOutputStream(this, cmd, transfer.socket());
	}

	/**
	 * Called by the transfer streams each time data moves: sends a keep-alive NOOP when one is
	 * due. A control connection that fails here is broken, and the transfer with it.
	 */
	void dataMoved() throws IOException {
		if (!this.keepAlive.isEnabled() || this.control == null) {
			return;
		}
		try {
			this.keepAlive.dataMoved(this.control);
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/** Called by the transfer streams when they are done, successfully or not. */
	void streamEnded() {
		this.streamSocket = null;
	}

	/**
	 * Ends a transfer that did not complete: ABOR, then the data connection is closed (so a
	 * server blocked writing to it wakes up; for an upload, closing only after ABOR keeps the
	 * server from taking the end of the data for a complete file), then the replies are read
	 * until the dialogue is in step (a 426, a 226, or both, in either order, depending on the
	 * server and on timing). If even that fails, the session is marked broken.
	 */
	void abortQuietly(Closeable dataConnection) {
		try {
			if (!this.broken && this.control != null) {
				abortInStep(dataConnection);
			}
		}
		catch (IOException | RuntimeException ex) {
			this.log.event("Control connection lost its place after an aborted transfer: " + ex);
			this.broken = true;
		}
		finally {
			closeQuietly(dataConnection);
		}
	}

	/**
	 * Tells the server the upload is complete: the end of the data connection is the end of
	 * the file in stream mode. A failure here (a server that resets the connection once it has
	 * read everything) is not the verdict: the final reply on the control connection is, and it
	 * must be read either way to keep the dialogue in step.
	 */
	static void endUpload(Socket socket) {
		try (socket) {
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			// See above: the caller reads the final reply next.
		}
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Nothing to do: the connection is being abandoned anyway.
		}
	}

	/**
	 * Reads the final reply of a transfer whose data connection the caller has closed, and the
	 * replies of any keep-alive NOOPs, which come before it or after it depending on the server.
	 */
	Reply finishTransfer() throws IOException {
		int noops = this.keepAlive.takePending();
		Reply reply = readReply();
		if (noops > 0) {
			// Keep-alive NOOPs went out during the transfer. Servers answer them during it, after
			// its reply, or not each one (pure-ftpd answers several NOOPs that arrive in one read
			// with fewer 500s), so counting replies cannot find the end: skip NOOP answers up to
			// the transfer's reply, then mark the end with a PWD, whose 257 nothing else sends.
			while (ControlKeepAlive.answersNoop(reply)) {
				reply = readReply();
			}
			this.control.send("PWD");
			int skipped = 0;
			while (readReply().code() != 257) {
				if (++skipped > noops + MAX_ABORT_REPLIES) {
					this.broken = true;
					throw new FtpProtocolException("No reply to PWD after a transfer with keep-alive NOOPs");
				}
			}
		}
		Reply checked = checked(reply);
		if (!checked.isPositiveCompletion()) {
			throw new FtpReplyException(checked);
		}
		return checked;
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
			voidCommandReply("OPTS MLST " + String.join(";", facts) + ";");
		}
		List<FtpEntry> entries = new ArrayList<>();
		retrieveLines(withArguments("MLSD", nonEmpty(path)), line -> parseInto(MLSD_PARSER, line, entries::add));
		return entries;
	}

	/** The facts of one file or directory (MLST, RFC 3659), sent on the control connection. */
	public FtpEntry mlst(String path) throws IOException {
		Reply reply = voidCommandReply(withArguments("MLST", nonEmpty(path)));
		// RFC 3659 7.2: the entry is the line after the first, led by one space; MINA
		// FtpServer 1.2 leaves the space out.
		Optional<FtpEntry> entry = Optional.empty();
		if (reply.lines().size() >= 3) {
			String line = reply.lines().get(1);
			entry = MLSD_PARSER.parse(line.startsWith(" ") ? line.substring(1) : line);
		}
		return entry.orElseThrow(() -> new FtpProtocolException("No entry in MLST reply", reply));
	}

	/**
	 * Lists a directory into entries, whatever the server supports: MLSD when FEAT announces
	 * MLST (unless {@link #setUseMlsd} turned it off), otherwise LIST read as Unix or DOS lines
	 * (vsftpd has no MLSD). The directory's own and parent entries are left out.
	 */
	public List<FtpEntry> list(String path) throws IOException {
		List<FtpEntry> entries = new ArrayList<>();
		list(path, entries::add);
		return entries;
	}

	/** Lists a directory as {@link #list(String)} does, handing each entry over as it arrives. */
	public void list(String path, Consumer<FtpEntry> callback) throws IOException {
		Consumer<FtpEntry> filtered = entry -> {
			if (!entry.isSelfOrParent()) {
				callback.accept(entry);
			}
		};
		String[] args = nonEmpty(path);
		if (this.useMlsd && features().containsKey("MLST")) {
			retrieveLines(withArguments("MLSD", args), line -> parseInto(MLSD_PARSER, line, filtered));
		}
		else {
			retrieveLines(withArguments("LIST", args), line -> parseInto(this.listParser, line, filtered));
		}
	}

	private void parseInto(ListingParser parser, String line, Consumer<FtpEntry> callback) {
		parser.parse(line).ifPresentOrElse(callback, () -> this.log.event("Listing line not understood: " + line));
	}

	private static String[] nonEmpty(String path) {
		return (path == null || path.isEmpty()) ? new String[0] : new String[] { path };
	}

	// ---- file operations ----

	/** Renames (RNFR, RNTO). */
	public String rename(String from, String to) throws IOException {
		Reply reply = command("RNFR " + from);
		if (!reply.isIntermediate()) {
			throw new FtpReplyException(reply);
		}
		return voidCommandReply("RNTO " + to).text();
	}

	/**
	 * Deletes a file (DELE).
	 * @throws FtpReplyException for a reply other than 250 or 200
	 */
	public String delete(String name) throws IOException {
		Reply reply = command("DELE " + name);
		if (reply.code() != 250 && reply.code() != 200) {
			throw new FtpReplyException(reply);
		}
		return reply.text();
	}

	/** Changes the working directory; {@code ..} sends CDUP, which some servers lack (500), then CWD. */
	public String cwd(String path) throws IOException {
		if (path.equals("..")) {
			try {
				return voidCommandReply("CDUP").text();
			}
			catch (FtpPermanentException ex) {
				if (ex.replyCode() != 500) {
					throw ex;
				}
			}
		}
		return voidCommandReply("CWD " + (path.isEmpty() ? "." : path)).text();
	}

	/**
	 * Creates a directory.
	 * @return the path from the 257 reply, or an empty string from servers (IIS on Windows
	 *         Server 2003) that answer with another 2xx
	 */
	public String mkd(String path) throws IOException {
		return pathFrom(voidCommandReply("MKD " + path));
	}

	/** The working directory, from the 257 reply. */
	public String pwd() throws IOException {
		return pathFrom(voidCommandReply("PWD"));
	}

	private static String pathFrom(Reply reply) throws FtpException {
		return (reply.code() == 257) ? Replies.parse257(reply) : "";
	}

	/** Removes a directory (RMD). */
	public String rmd(String dir) throws IOException {
		return voidCommandReply("RMD " + dir).text();
	}

	/**
	 * The size of a file. Switches to binary first, since proftpd and pyftpdlib refuse SIZE in
	 * ASCII mode.
	 * @return the size, or empty when the server has no SIZE or answers 5xx
	 */
	public OptionalLong size(String path) throws IOException {
		ensureType('I');
		try {
			Reply reply = command("SIZE " + path);
			if (reply.code() == 213) {
				return OptionalLong.of(Long.parseLong(reply.lines().get(0).substring(3).strip()));
			}
			return OptionalLong.empty();
		}
		catch (FtpPermanentException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * The last modification time of a file (MDTM, RFC 3659), read as UTC.
	 * @return the time, or empty when the server has no MDTM or answers 5xx
	 */
	public Optional<Instant> mdtm(String path) throws IOException {
		try {
			Reply reply = command("MDTM " + path);
			return (reply.code() == 213) ? Mdtm.parse(reply.lines().get(0).substring(3).strip()) : Optional.empty();
		}
		catch (FtpPermanentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The extensions the server announces in reply to FEAT (RFC 2389), as upper-case names
	 * mapped to their parameters ({@code "MLST" -> "type*;size*;modify*;"}, {@code "UTF8" -> ""}).
	 * Asked once per connection; empty when the server has no FEAT.
	 */
	public Map<String, String> features() throws IOException {
		if (this.features == null) {
			Map<String, String> parsed = new LinkedHashMap<>();
			try {
				Reply reply = command("FEAT");
				List<String> lines = reply.lines();
				for (String line : lines.subList(1, Math.max(1, lines.size() - 1))) {
					String feature = line.strip();
					int space = feature.indexOf(' ');
					String name = (space < 0) ? feature : feature.substring(0, space);
					parsed.put(name.toUpperCase(Locale.ROOT), (space < 0) ? "" : feature.substring(space + 1).strip());
				}
			}
			catch (FtpPermanentException ex) {
				// No FEAT: the server predates RFC 2389, so it announces nothing.
			}
			this.features = Collections.unmodifiableMap(parsed);
		}
		return this.features;
	}

	// ---- session state ----

	/** Whether the control connection is open and not known to be broken. */
	public boolean isConnected() {
		return this.control != null && this.control.isOpen() && !this.broken;
	}

	/**
	 * Whether the session can no longer be trusted: an I/O error, timeout or protocol error hit
	 * the control connection, the server said 421, or an aborted transfer left the dialogue out
	 * of step. Once true, it stays true: a pool must discard the session.
	 */
	public boolean isBroken() {
		return this.broken;
	}

	/**
	 * Whether a stream from {@link #retrieve} or {@link #store} is still open: until it is
	 * closed the session is mid-transfer and accepts no command, so it must not be reused.
	 */
	public boolean isTransferOpen() {
		return this.streamSocket != null;
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
		if (this.streamSocket != null) {
			closeQuietly(this.streamSocket);
			this.streamSocket = null;
		}
		ControlConnection connection = this.control;
		this.control = null;
		if (connection != null) {
			connection.close();
		}
	}

	// ---- the core: every command goes through these ----

	private Reply voidCommandReply(String cmd) throws IOException {
		Reply reply = command(cmd);
		if (!reply.isPositiveCompletion()) {
			throw new FtpReplyException(reply);
		}
		return reply;
	}

	/** Sends a command, reads its reply, raises on 4xx/5xx (ftplib's {@code sendcmd}). */
	Reply command(String cmd) throws IOException {
		checkNotStreaming();
		checkConnected();
		ControlConnection.checkSafe(cmd);
		this.log.command(cmd);
		long started = System.nanoTime();
		int replyCode = -1;
		try {
			this.control.send(cmd);
			Reply reply = response();
			replyCode = reply.code();
			return reply;
		}
		catch (FtpException ex) {
			replyCode = ex.replyCode();
			throw ex;
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
		finally {
			this.eventListener.commandCompleted(verbOf(cmd), replyCode, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private static String verbOf(String cmd) {
		int space = cmd.indexOf(' ');
		return ((space < 0) ? cmd : cmd.substring(0, space)).toUpperCase(Locale.ROOT);
	}

	/** Tells the listener how a binary transfer ended; the streams call it too. */
	void transferEnded(String cmd, long bytes, boolean succeeded) {
		this.eventListener.transferCompleted(verbOf(cmd), bytes, succeeded);
	}

	private Reply voidReply() throws IOException {
		Reply reply = response();
		if (!reply.isPositiveCompletion()) {
			throw new FtpReplyException(reply);
		}
		return reply;
	}

	private Reply response() throws IOException {
		return checked(readReply());
	}

	/** Raises on 4xx and 5xx replies; a 421 also marks the session broken. */
	private Reply checked(Reply reply) throws FtpException {
		return switch (reply.kind()) {
			case 4 -> {
				if (reply.code() == 421) {
					// 421: the server is closing the control connection.
					this.broken = true;
				}
				throw new FtpTemporaryException(reply);
			}
			case 5 -> throw new FtpPermanentException(reply);
			default -> reply;
		};
	}

	private Reply readReply() throws IOException {
		try {
			return readReplyKeepingStep();
		}
		catch (SocketTimeoutException ex) {
			this.broken = true;
			throw ex;
		}
	}

	/**
	 * Reads a reply; a timeout leaves the session usable (a partly read line is kept for the
	 * next read), every other failure breaks it.
	 */
	private Reply readReplyKeepingStep() throws IOException {
		checkConnected();
		try {
			Reply reply = this.control.read();
			this.log.reply(reply);
			return reply;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
	}

	private void trySend(String cmd) throws IOException {
		try {
			command(cmd);
		}
		catch (FtpTemporaryException | FtpPermanentException ex) {
			this.log.event(cmd + " refused: " + ex.getMessage());
		}
	}

	/**
	 * Checks the transfer command before anything is sent for it, then sets the type it needs.
	 */
	private void prepareTransfer(String cmd, char wanted) throws IOException {
		ControlConnection.checkSafe(cmd);
		ensureType(wanted);
	}

	/** Sends TYPE only when the session is not in that type already, saving a round trip per transfer. */
	private void ensureType(char wanted) throws IOException {
		if (this.type != wanted) {
			voidCommandReply("TYPE " + wanted);
			this.type = wanted;
		}
	}

	private void forgetTypeIfChanged(String cmd) {
		if (cmd.regionMatches(true, 0, "TYPE", 0, 4)) {
			this.type = 0;
		}
	}

	private void checkConnected() {
		if (this.control == null) {
			throw new IllegalStateException("Not connected");
		}
	}

	private void checkNotStreaming() {
		if (this.streamSocket != null) {
			throw new IllegalStateException("A transfer stream is open: close it before the next command");
		}
	}

	private static String withArguments(String verb, String... args) {
		return (args.length == 0) ? verb : verb + " " + String.join(" ", args);
	}

}
