package dev.ftpgateway.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A fake FTP server for unit tests: sensible FTP-ish defaults for every common verb, an
 * in-memory file system, and scripting hooks for the replies and socket failures that real
 * servers do not produce on demand (odd PASV text, multi-line replies, 421 on connect, drops
 * mid-transfer, stalls, garbage).
 *
 * <p>It listens on 127.0.0.1 only and serves control connections one after another on a
 * daemon thread, so a client may reconnect after closing; a second simultaneous connection
 * waits until the first one ends. Every blocking wait is bounded, and {@link #close()} ends
 * all sockets and threads, so use it with try-with-resources or JUnit's {@code @AutoClose}.
 *
 * <p>How a command is answered, first match wins: a pending {@link #dropControlOn} for its
 * verb closes the connection; a pending {@link #stall} delays it and carries on; a queued
 * {@link #nextReply} is sent; a {@link #reply(String, String)} override is sent; otherwise the
 * default handler runs. Only default handlers have side effects (opening data ports, storing
 * files, closing on QUIT). One-shot scripts ({@code next...}, {@code drop...}, {@code stall...},
 * {@code reject...}) are consumed in the order they were queued and survive reconnects.
 *
 * <p>Replies given as text may span several lines separated by {@code \n} or {@code \r\n};
 * each line is sent with CRLF. The {@code ...Bytes} variants send bytes exactly as given.
 */
public final class ScriptedFtpServer implements AutoCloseable {

	/** The only host this server binds, and the default host it advertises in 227 replies. */
	public static final String HOST = "127.0.0.1";

	/** What MDTM and the generated listings report as every file's modification time. */
	public static final String MODIFIED = "20240101120000";

	/** The longest a {@link #stallUntil} waits for its release: a test that failed first never gives it. */
	public static final Duration LONGEST_RELEASE = Duration.ofMinutes(1);

	private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(5);

	// Long enough for a slow CI machine, short enough that an abandoned test ends on its own.
	private static final int CONTROL_READ_TIMEOUT_MILLIS = 30_000;

	private static final int DATA_TIMEOUT_MILLIS = 10_000;

	private static final long JOIN_MILLIS = 2_000;

	private static final int MAX_LINE_BYTES = 64 * 1024;

	private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private final ServerSocket listener;

	private final Thread acceptor;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicInteger connections = new AtomicInteger();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	private final Map<String, List<String>> listings = new ConcurrentHashMap<>();

	private final Map<String, byte[]> overrides = new ConcurrentHashMap<>();

	private final Queue<byte[]> nextReplies = new ConcurrentLinkedQueue<>();

	private final Queue<byte[]> rejections = new ConcurrentLinkedQueue<>();

	private final Map<String, Queue<VerbEffect>> verbEffects = new ConcurrentHashMap<>();

	private final Queue<DataEffect> dataEffects = new ConcurrentLinkedQueue<>();

	private final BlockingQueue<ReceivedCommand> unread = new LinkedBlockingQueue<>();

	private final List<ReceivedCommand> received = new CopyOnWriteArrayList<>();

	private volatile byte[] welcome = lines("220 scripted ready");

	private volatile String advertisedHost = HOST;

	private volatile IntFunction<String> pasvReply;

	private volatile IntFunction<String> epsvReply;

	private volatile Charset charset = StandardCharsets.UTF_8;

	private volatile Session current;

	/** Binds 127.0.0.1 on an ephemeral port and starts serving. */
	public ScriptedFtpServer() throws IOException {
		this.listener = new ServerSocket(0, 50, loopback());
		this.acceptor = new Thread(this::serve, "scripted-ftp-" + this.listener.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** The host to connect to: always {@value #HOST}. */
	public String host() {
		return HOST;
	}

	/** The control port. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** How many control connections have been accepted so far. */
	public int connectionCount() {
		return this.connections.get();
	}

	/**
	 * Reads commands, and writes default replies and listings, in {@code charset} rather than
	 * UTF-8: a server whose names are stored in another encoding, e.g. ISO-8859-1, where
	 * {@code putFile("/café.txt", ...)} is listed and found with the byte 0xE9.
	 */
	public ScriptedFtpServer charset(Charset charset) {
		this.charset = charset;
		return this;
	}

	/** Replaces the greeting sent on every connection (default {@code 220 scripted ready}). */
	public ScriptedFtpServer welcome(String rawReply) {
		return welcomeBytes(lines(rawReply));
	}

	/** Replaces the greeting with bytes sent exactly as given (no CRLF added). */
	public ScriptedFtpServer welcomeBytes(byte[] raw) {
		this.welcome = raw.clone();
		return this;
	}

	/** The next connection gets this reply instead of the greeting and is then closed. */
	public ScriptedFtpServer rejectNextConnection(String rawReply) {
		this.rejections.add(lines(rawReply));
		return this;
	}

	/** Answers every later {@code verb} with this text; the default handler no longer runs. */
	public ScriptedFtpServer reply(String verb, String rawReply) {
		this.overrides.put(verb.toUpperCase(Locale.ROOT), lines(rawReply));
		return this;
	}

	/** Answers the next command, whatever it is, with this text instead of running its handler. */
	public ScriptedFtpServer nextReply(String rawReply) {
		return nextReplyBytes(lines(rawReply));
	}

	/** Answers the next command with bytes sent exactly as given (no CRLF added). */
	public ScriptedFtpServer nextReplyBytes(byte[] raw) {
		this.nextReplies.add(raw.clone());
		return this;
	}

	/**
	 * Keeps PASV opening a real data port but words the reply with {@code portToReply}, which
	 * gets that port: {@code pasvReply(p -> "227 =127,0,0,1," + (p >> 8) + "," + (p & 255))}.
	 */
	public ScriptedFtpServer pasvReply(IntFunction<String> portToReply) {
		this.pasvReply = portToReply;
		return this;
	}

	/** Like {@link #pasvReply} for EPSV: a real data port, reply worded by the test. */
	public ScriptedFtpServer epsvReply(IntFunction<String> portToReply) {
		this.epsvReply = portToReply;
		return this;
	}

	/**
	 * The host written into default 227 replies; the data port still listens on 127.0.0.1.
	 * Lets a test check the client ignores the advertised host. Must be in 127.0.0.0/8.
	 */
	public ScriptedFtpServer advertisedHost(String host) {
		if (!LOOPBACK_IPV4.matcher(host).matches()) {
			throw new IllegalArgumentException("not a 127.0.0.0/8 address: " + host);
		}
		this.advertisedHost = host;
		return this;
	}

	/** The next time {@code verb} arrives, closes the control connection without replying. */
	public ScriptedFtpServer dropControlOn(String verb) {
		return addVerbEffect(verb, new VerbEffect(true, Duration.ZERO, null));
	}

	/** The next time {@code verb} arrives, waits {@code delay} (ended early by close) before answering. */
	public ScriptedFtpServer stall(String verb, Duration delay) {
		return addVerbEffect(verb, new VerbEffect(false, delay, null));
	}

	/**
	 * The next time {@code verb} arrives, answers only once {@code release} is counted down (or
	 * the server closes, or {@link #LONGEST_RELEASE} passed): a test decides when.
	 */
	public ScriptedFtpServer stallUntil(String verb, CountDownLatch release) {
		return addVerbEffect(verb, new VerbEffect(false, Duration.ZERO, release));
	}

	/**
	 * The next transfer stops after {@code bytes} data bytes (sent for downloads and listings,
	 * read for uploads) and closes the data connection; then {@code thenReply} is sent on the
	 * control connection, e.g. {@code "426 Connection closed"} or a lying {@code "226 OK"};
	 * {@code null} sends nothing.
	 */
	public ScriptedFtpServer dropDataAfter(long bytes, String thenReply) {
		byte[] reply = thenReply == null ? new byte[0] : lines(thenReply);
		this.dataEffects.add(new DataEffect(bytes, Duration.ZERO, true, reply, false));
		return this;
	}

	/** The next transfer pauses for {@code delay} after {@code bytes} data bytes, then completes. */
	public ScriptedFtpServer stallDataAfter(long bytes, Duration delay) {
		this.dataEffects.add(new DataEffect(bytes, delay, false, null, false));
		return this;
	}

	/** The next transfer moves all its data, then answers this (e.g. 426 or 451) instead of 226. */
	public ScriptedFtpServer replyAfterTransfer(String rawReply) {
		this.dataEffects.add(new DataEffect(Long.MAX_VALUE, Duration.ZERO, false, lines(rawReply), false));
		return this;
	}

	/**
	 * The next transfer's data connection is accepted but stays silent, and its 150 is followed
	 * at once by {@code rawReply} on the control connection, as a server that failed to set up
	 * the data side says {@code 425 Can't open data connection}. The silent connection is closed
	 * when the client aborts or after the data timeout.
	 */
	public ScriptedFtpServer failTransferAfterPreliminary(String rawReply) {
		this.dataEffects.add(new DataEffect(0, Duration.ofMillis(DATA_TIMEOUT_MILLIS), false, lines(rawReply), true));
		return this;
	}

	/** Stores a file; relative paths are taken from {@code /}. */
	public ScriptedFtpServer putFile(String path, byte[] content) {
		this.files.put(absolute(path), content.clone());
		return this;
	}

	/** A file's content (after STOR/APPE, say), or {@code null} when there is none. */
	public byte[] file(String path) {
		byte[] content = this.files.get(absolute(path));
		return content == null ? null : content.clone();
	}

	/**
	 * Sends exactly these lines (each with CRLF) for every LIST, NLST or MLSD, whatever the
	 * directory; without it those verbs list the stored files of the directory asked for.
	 */
	public ScriptedFtpServer setListing(String verb, List<String> lines) {
		this.listings.put(verb.toUpperCase(Locale.ROOT), List.copyOf(lines));
		return this;
	}

	/**
	 * Sends exactly these lines for LIST, NLST or MLSD of one directory (an absolute path, or the
	 * working directory when the verb comes without an argument); it takes precedence over
	 * {@link #setListing(String, List)}.
	 */
	public ScriptedFtpServer setListing(String verb, String directory, List<String> lines) {
		this.listings.put(verb.toUpperCase(Locale.ROOT) + " " + absolute(directory), List.copyOf(lines));
		return this;
	}

	/** The next unread command line (see {@link ReceivedCommand#line()}), waiting up to 5 s. */
	public String takeCommand() {
		return takeCommand(DEFAULT_TAKE_TIMEOUT);
	}

	/** The next unread command line, waiting up to {@code timeout}; throws AssertionError after. */
	public String takeCommand(Duration timeout) {
		return takeReceivedCommand(timeout).line();
	}

	/** The next unread command with its raw bytes; shares the queue with {@link #takeCommand()}. */
	public ReceivedCommand takeReceivedCommand(Duration timeout) {
		try {
			ReceivedCommand command = this.unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (command == null) {
				throw new AssertionError("no command received within " + timeout + "; all so far: " + commands());
			}
			return command;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for a command", ex);
		}
	}

	/** Every command line received so far, across connections, read or not. */
	public List<String> commands() {
		return this.received.stream().map(ReceivedCommand::line).toList();
	}

	/** Every command received so far with raw bytes, across connections, read or not. */
	public List<ReceivedCommand> receivedCommands() {
		return List.copyOf(this.received);
	}

	/**
	 * Closes every socket and stops every thread. Throws IllegalStateException when the server
	 * itself failed (a bug in this class, not a client error), so such bugs are not silent.
	 */
	@Override
	public void close() {
		this.closed.countDown();
		closeQuietly(this.listener);
		Session session = this.current;
		if (session != null) {
			session.close();
		}
		join(this.acceptor);
		if (!this.failures.isEmpty()) {
			IllegalStateException failure = new IllegalStateException("ScriptedFtpServer failed", this.failures.get(0));
			this.failures.stream().skip(1).forEach(failure::addSuppressed);
			throw failure;
		}
	}

	private ScriptedFtpServer addVerbEffect(String verb, VerbEffect effect) {
		this.verbEffects.computeIfAbsent(verb.toUpperCase(Locale.ROOT), v -> new ConcurrentLinkedQueue<>())
			.add(effect);
		return this;
	}

	private boolean isClosed() {
		return this.closed.getCount() == 0;
	}

	private void serve() {
		while (!isClosed()) {
			Socket control;
			try {
				control = this.listener.accept();
			}
			catch (IOException ex) {
				// Only close() makes accept fail on a loopback listener.
				return;
			}
			this.connections.incrementAndGet();
			try (Session session = new Session(control)) {
				this.current = session;
				if (!isClosed()) {
					session.run();
				}
			}
			catch (IOException ex) {
				// The client went away or timed out; the next connection gets a fresh session.
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
			finally {
				this.current = null;
			}
		}
	}

	private static InetAddress loopback() throws IOException {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
	}

	static byte[] lines(String rawReply) {
		return lines(rawReply, StandardCharsets.UTF_8);
	}

	static byte[] lines(String rawReply, Charset charset) {
		String[] parts = rawReply.split("\r?\n", -1);
		int count = parts.length > 1 && parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(parts[i]).append("\r\n");
		}
		return text.toString().getBytes(charset);
	}

	private static String absolute(String path) {
		return path.startsWith("/") ? path : "/" + path;
	}

	private static void closeQuietly(Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closing is best effort: the socket is unusable either way.
		}
	}

	private static void join(Thread thread) {
		if (thread == null || thread == Thread.currentThread()) {
			return;
		}
		try {
			thread.join(JOIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A one-shot script for a verb: drop the connection, or answer late: after a delay, or once released. */
	private record VerbEffect(boolean drop, Duration stall, CountDownLatch release) {
	}

	/**
	 * A one-shot script for a transfer: after {@code afterBytes}, pause for {@code stall},
	 * then either stop ({@code drop}) or finish; {@code finalReply} replaces the 226 when not
	 * null (an empty array sends nothing). With {@code replyFirst} the final reply goes out before
	 * any data, and the data connection stays silent for {@code stall}.
	 */
	private record DataEffect(long afterBytes, Duration stall, boolean drop, byte[] finalReply, boolean replyFirst) {
	}

	/** Opens the data connection of one transfer: accepts on the PASV port or connects for PORT. */
	@FunctionalInterface
	private interface DataConnector {

		Socket open(Transfer transfer) throws IOException;

	}

	/** Moves the data of one transfer over an open data connection. */
	@FunctionalInterface
	private interface DataAction {

		void run(Socket data, DataEffect effect, Transfer transfer) throws IOException;

	}

	/**
	 * One running transfer. Whoever calls {@link #finish()} first, the transfer thread on
	 * completion or ABOR on the control thread, owns the final reply, so exactly one is sent.
	 */
	private static final class Transfer {

		private final AtomicBoolean finished = new AtomicBoolean();

		private final CountDownLatch cancelled = new CountDownLatch(1);

		private volatile Closeable resource;

		private Thread thread;

		boolean finish() {
			return this.finished.compareAndSet(false, true);
		}

		void cancel() {
			this.cancelled.countDown();
			closeQuietly(this.resource);
		}

		// Registers the socket cancel() must close; re-checks so a cancel that ran just
		// before registration is not lost.
		void hold(Closeable socket) throws IOException {
			this.resource = socket;
			if (this.cancelled.getCount() == 0) {
				socket.close();
				throw new IOException("transfer cancelled");
			}
		}

		void pause(Duration delay) {
			try {
				this.cancelled.await(delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** One control connection: its state (directory, REST offset, data port) and its handlers. */
	private final class Session implements Closeable {

		private final Socket control;

		private final InputStream in;

		private final OutputStream out;

		private final Object writeLock = new Object();

		private String cwd = "/";

		private long restOffset;

		private String renameFrom;

		// Also read by close() on the test's thread.
		private volatile ServerSocket passive;

		private InetSocketAddress active;

		private volatile Transfer transfer;

		Session(Socket control) throws IOException {
			this.control = control;
			control.setSoTimeout(CONTROL_READ_TIMEOUT_MILLIS);
			// Clients send Telnet DM as TCP urgent data before ABOR; without this it is discarded.
			control.setOOBInline(true);
			this.in = new BufferedInputStream(control.getInputStream());
			this.out = control.getOutputStream();
		}

		void run() throws IOException {
			byte[] rejection = ScriptedFtpServer.this.rejections.poll();
			if (rejection != null) {
				write(rejection);
				return;
			}
			write(ScriptedFtpServer.this.welcome);
			byte[] line;
			boolean sentBeforeReply = false;
			while ((line = readLine()) != null) {
				ReceivedCommand command = new ReceivedCommand(line, ScriptedFtpServer.this.charset, sentBeforeReply);
				ScriptedFtpServer.this.received.add(command);
				ScriptedFtpServer.this.unread.add(command);
				// Bytes already waiting before this command is answered: the client sent the next
				// command without waiting for this reply (pipelining).
				sentBeforeReply = this.in.available() > 0;
				if (!dispatch(command)) {
					return;
				}
			}
		}

		// Returns whether to keep reading commands on this connection.
		private boolean dispatch(ReceivedCommand command) throws IOException {
			String verb = command.verb();
			Queue<VerbEffect> effects = ScriptedFtpServer.this.verbEffects.get(verb);
			VerbEffect effect = effects == null ? null : effects.poll();
			if (effect != null && effect.drop()) {
				return false;
			}
			if (effect != null) {
				awaitClose(effect.stall());
				awaitRelease(effect.release());
			}
			byte[] next = ScriptedFtpServer.this.nextReplies.poll();
			if (next != null) {
				write(next);
				return true;
			}
			byte[] override = ScriptedFtpServer.this.overrides.get(verb);
			if (override != null) {
				write(override);
				return true;
			}
			return handle(verb, command.argument());
		}

		private boolean handle(String verb, String arg) throws IOException {
			switch (verb) {
				case "USER" -> reply("331 Password required for " + arg);
				case "PASS", "ACCT" -> reply("230 Logged in");
				case "TYPE" -> reply("200 Type set to " + arg);
				case "NOOP" -> reply("200 NOOP ok");
				case "SYST" -> reply("215 UNIX Type: L8");
				case "OPTS" -> reply("200 OPTS ok");
				case "ECHO" -> reply(arg);
				case "QUIT" -> {
					reply("221 Goodbye");
					return false;
				}
				case "PWD" -> reply("257 \"" + this.cwd + "\" is the current directory");
				case "CWD" -> {
					if (ScriptedFtpServer.this.files.containsKey(resolve(arg))) {
						reply("550 " + arg + ": Not a directory");
					}
					else {
						this.cwd = resolve(arg);
						reply("250 Directory changed to " + this.cwd);
					}
				}
				case "CDUP" -> {
					int slash = this.cwd.lastIndexOf('/');
					this.cwd = slash <= 0 ? "/" : this.cwd.substring(0, slash);
					reply("250 Directory changed to " + this.cwd);
				}
				case "MKD" -> reply("257 \"" + arg + "\" created");
				case "RMD" -> reply("250 Directory removed");
				case "DELE" -> reply(ScriptedFtpServer.this.files.remove(resolve(arg)) != null ? "250 File deleted"
						: "550 No such file");
				case "RNFR" -> {
					this.renameFrom = resolve(arg);
					reply("350 Ready for RNTO");
				}
				case "RNTO" -> rename(arg);
				case "SIZE" -> {
					byte[] content = ScriptedFtpServer.this.files.get(resolve(arg));
					reply(content != null ? "213 " + content.length : "550 No such file");
				}
				case "MDTM" -> reply(ScriptedFtpServer.this.files.containsKey(resolve(arg)) ? "213 " + MODIFIED
						: "550 No such file");
				case "MLST" -> {
					byte[] content = ScriptedFtpServer.this.files.get(resolve(arg));
					reply(content != null ? "250-Listing " + arg + "\n type=file;size=" + content.length + ";modify="
							+ MODIFIED + "; " + arg + "\n250 End" : "550 No such file");
				}
				case "FEAT" -> reply("211-Features:\n EPSV\n MLST type*;size*;modify*;\n SIZE\n MDTM\n UTF8\n"
						+ " REST STREAM\n211 End");
				case "REST" -> rest(arg);
				case "PASV" -> pasv();
				case "EPSV" -> epsv(arg);
				case "PORT" -> port(arg);
				case "EPRT" -> eprt(arg);
				case "RETR" -> retr(arg);
				case "STOR" -> stor(arg, false);
				case "APPE" -> stor(arg, true);
				case "LIST", "NLST", "MLSD" -> list(verb, arg);
				case "ABOR" -> abor();
				default -> reply("502 Command not implemented");
			}
			return true;
		}

		private void rename(String arg) throws IOException {
			byte[] content = this.renameFrom == null ? null : ScriptedFtpServer.this.files.remove(this.renameFrom);
			if (content != null) {
				ScriptedFtpServer.this.files.put(resolve(arg), content);
			}
			this.renameFrom = null;
			reply("250 Rename successful");
		}

		private void rest(String arg) throws IOException {
			try {
				this.restOffset = Long.parseLong(arg.trim());
				reply("350 Restarting at " + this.restOffset);
			}
			catch (NumberFormatException ex) {
				reply("501 Bad REST offset");
			}
		}

		private void pasv() throws IOException {
			int port = listen();
			IntFunction<String> custom = ScriptedFtpServer.this.pasvReply;
			reply(custom != null ? custom.apply(port)
					: "227 Entering Passive Mode (" + ScriptedFtpServer.this.advertisedHost.replace('.', ',') + ","
							+ (port >> 8) + "," + (port & 0xFF) + ")");
		}

		private void epsv(String arg) throws IOException {
			if (arg.equalsIgnoreCase("ALL")) {
				reply("200 EPSV ALL ok");
				return;
			}
			int port = listen();
			IntFunction<String> custom = ScriptedFtpServer.this.epsvReply;
			reply(custom != null ? custom.apply(port) : "229 Entering Extended Passive Mode (|||" + port + "|)");
		}

		private int listen() throws IOException {
			closeQuietly(this.passive);
			this.active = null;
			this.passive = new ServerSocket(0, 1, loopback());
			this.passive.setSoTimeout(DATA_TIMEOUT_MILLIS);
			return this.passive.getLocalPort();
		}

		private void port(String arg) throws IOException {
			String[] parts = arg.trim().split(",");
			if (parts.length != 6) {
				reply("501 Bad PORT argument");
				return;
			}
			try {
				String host = String.join(".", Arrays.copyOfRange(parts, 0, 4));
				int port = Integer.parseInt(parts[4].trim()) << 8 | Integer.parseInt(parts[5].trim());
				useActive(host, port);
			}
			catch (NumberFormatException ex) {
				reply("501 Bad PORT argument");
			}
		}

		private void eprt(String arg) throws IOException {
			String[] parts = arg.length() < 2 ? new String[0] : arg.split(Pattern.quote(arg.substring(0, 1)), -1);
			// "|1|127.0.0.1|2121|" splits into "", "1", "127.0.0.1", "2121", "".
			if (parts.length != 5) {
				reply("501 Bad EPRT argument");
				return;
			}
			try {
				useActive(parts[2], Integer.parseInt(parts[3]));
			}
			catch (NumberFormatException ex) {
				reply("501 Bad EPRT argument");
			}
		}

		// Refuses anything but 127.0.0.0/8 so a scripted test can never reach another machine;
		// the regex also keeps InetAddress from doing a name lookup.
		private void useActive(String host, int port) throws IOException {
			if (!LOOPBACK_IPV4.matcher(host).matches() || port < 1 || port > 0xFFFF) {
				reply("501 Only 127.0.0.0/8 data addresses are allowed");
				return;
			}
			closeQuietly(this.passive);
			this.passive = null;
			this.active = new InetSocketAddress(InetAddress.getByName(host), port);
			reply("200 PORT command successful");
		}

		private void retr(String arg) throws IOException {
			byte[] content = ScriptedFtpServer.this.files.get(resolve(arg));
			long rest = takeRest();
			if (content == null) {
				reply("550 No such file");
				return;
			}
			int offset = (int) Math.min(rest, content.length);
			startTransfer("150 Opening BINARY mode data connection for " + arg + " (" + (content.length - offset) + " bytes)",
					(data, effect, transfer) -> send(data, Arrays.copyOfRange(content, offset, content.length), effect,
							transfer));
		}

		private void stor(String arg, boolean append) throws IOException {
			String path = resolve(arg);
			long rest = takeRest();
			startTransfer("150 Ok to send data", (data, effect, transfer) -> {
				byte[] bytes = receive(data, effect, transfer);
				byte[] existing = ScriptedFtpServer.this.files.getOrDefault(path, new byte[0]);
				int keep = append ? existing.length : (int) Math.min(rest, existing.length);
				byte[] merged = Arrays.copyOf(existing, keep + bytes.length);
				System.arraycopy(bytes, 0, merged, keep, bytes.length);
				ScriptedFtpServer.this.files.put(path, merged);
			});
		}

		private void list(String verb, String arg) throws IOException {
			List<String> lines = ScriptedFtpServer.this.listings.get(verb + " " + resolve(arg));
			if (lines == null) {
				lines = ScriptedFtpServer.this.listings.get(verb);
			}
			if (lines == null) {
				// LIST is commonly sent with ls options such as "-la"; they name no directory.
				lines = generatedListing(verb, resolve(arg.startsWith("-") ? "" : arg));
			}
			StringBuilder text = new StringBuilder();
			lines.forEach(line -> text.append(line).append("\r\n"));
			byte[] bytes = text.toString().getBytes(ScriptedFtpServer.this.charset);
			startTransfer("150 Here comes the directory listing", (data, effect, transfer) -> send(data, bytes, effect,
					transfer));
		}

		private List<String> generatedListing(String verb, String directory) {
			String prefix = directory.endsWith("/") ? directory : directory + "/";
			List<String> lines = new ArrayList<>();
			ScriptedFtpServer.this.files.entrySet()
				.stream()
				.filter(file -> file.getKey().startsWith(prefix) && file.getKey().indexOf('/', prefix.length()) < 0)
				.sorted(Map.Entry.comparingByKey())
				.forEach(file -> {
					String name = file.getKey().substring(prefix.length());
					int size = file.getValue().length;
					lines.add(switch (verb) {
						case "NLST" -> name;
						case "MLSD" -> "type=file;size=" + size + ";modify=" + MODIFIED + "; " + name;
						default -> String.format("-rw-r--r--   1 ftp      ftp      %8d Jan 01 12:00 %s", size, name);
					});
				});
			return lines;
		}

		private void abor() throws IOException {
			Transfer running = this.transfer;
			if (running != null && running.finish()) {
				running.cancel();
				join(running.thread);
				reply("426 Transfer aborted");
				reply("226 Abort successful");
			}
			else {
				reply("226 No transfer to abort");
			}
		}

		private long takeRest() {
			long rest = this.restOffset;
			this.restOffset = 0;
			return rest;
		}

		// Sends the 150 before opening the data connection, so clients that connect only after
		// the preliminary reply work as well as those that connect right after PASV.
		private void startTransfer(String preliminary, DataAction action) throws IOException {
			DataConnector connector = takeConnector();
			if (connector == null) {
				reply("425 Use PORT or PASV first");
				return;
			}
			reply(preliminary);
			DataEffect effect = ScriptedFtpServer.this.dataEffects.poll();
			Transfer started = new Transfer();
			started.thread = new Thread(() -> transfer(started, connector, action, effect),
					"scripted-ftp-data-" + ScriptedFtpServer.this.port());
			started.thread.setDaemon(true);
			this.transfer = started;
			started.thread.start();
		}

		private DataConnector takeConnector() {
			ServerSocket listening = this.passive;
			InetSocketAddress target = this.active;
			this.passive = null;
			this.active = null;
			if (listening != null) {
				return transfer -> {
					transfer.hold(listening);
					try (listening) {
						return listening.accept();
					}
				};
			}
			if (target != null) {
				return transfer -> {
					Socket socket = new Socket();
					transfer.hold(socket);
					try {
						socket.connect(target, DATA_TIMEOUT_MILLIS);
					}
					catch (IOException ex) {
						socket.close();
						throw ex;
					}
					return socket;
				};
			}
			return null;
		}

		private void transfer(Transfer transfer, DataConnector connector, DataAction action, DataEffect effect) {
			try {
				Socket data;
				try {
					data = connector.open(transfer);
				}
				catch (IOException ex) {
					finalReply(transfer, lines("425 Can't open data connection"));
					return;
				}
				try (data) {
					transfer.hold(data);
					if (effect != null && effect.replyFirst()) {
						finalReply(transfer, effect.finalReply());
						transfer.pause(effect.stall());
						return;
					}
					data.setSoTimeout(DATA_TIMEOUT_MILLIS);
					action.run(data, effect, transfer);
				}
				catch (IOException ex) {
					finalReply(transfer, lines("426 Connection closed; transfer aborted"));
					return;
				}
				finalReply(transfer, effect != null && effect.finalReply() != null ? effect.finalReply()
						: lines("226 Transfer complete"));
			}
			catch (RuntimeException ex) {
				ScriptedFtpServer.this.failures.add(ex);
			}
		}

		private void finalReply(Transfer transfer, byte[] reply) {
			if (!transfer.finish()) {
				return;
			}
			try {
				write(reply);
			}
			catch (IOException ex) {
				// The client closed the control connection; nobody is left to tell.
			}
		}

		private void send(Socket data, byte[] bytes, DataEffect effect, Transfer transfer) throws IOException {
			OutputStream stream = data.getOutputStream();
			int first = effect == null ? bytes.length : (int) Math.min(bytes.length, effect.afterBytes());
			stream.write(bytes, 0, first);
			stream.flush();
			if (effect != null) {
				transfer.pause(effect.stall());
				if (effect.drop()) {
					return;
				}
			}
			stream.write(bytes, first, bytes.length - first);
			stream.flush();
		}

		private byte[] receive(Socket data, DataEffect effect, Transfer transfer) throws IOException {
			InputStream stream = data.getInputStream();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			if (effect != null) {
				byte[] buffer = new byte[8192];
				long remaining = effect.afterBytes();
				int read;
				while (remaining > 0 && (read = stream.read(buffer, 0, (int) Math.min(buffer.length, remaining))) >= 0) {
					bytes.write(buffer, 0, read);
					remaining -= read;
				}
				transfer.pause(effect.stall());
				if (effect.drop()) {
					return bytes.toByteArray();
				}
			}
			stream.transferTo(bytes);
			return bytes.toByteArray();
		}

		private String resolve(String arg) {
			if (arg.isEmpty()) {
				return this.cwd;
			}
			if (arg.startsWith("/")) {
				return arg;
			}
			return this.cwd.equals("/") ? "/" + arg : this.cwd + "/" + arg;
		}

		private void awaitRelease(CountDownLatch release) {
			long deadline = System.nanoTime() + LONGEST_RELEASE.toNanos();
			try {
				while (release != null && !release.await(20, TimeUnit.MILLISECONDS)
						&& ScriptedFtpServer.this.closed.getCount() > 0 && System.nanoTime() < deadline) {
					// Polls so that closing the server ends the wait as well.
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void awaitClose(Duration delay) {
			try {
				ScriptedFtpServer.this.closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		// Reads up to LF and drops a CR before it; null at end of stream. Overlong lines end
		// the connection rather than buffering without bound.
		private byte[] readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) >= 0) {
				if (b == '\n') {
					byte[] bytes = line.toByteArray();
					int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
					return Arrays.copyOf(bytes, length);
				}
				if (line.size() >= MAX_LINE_BYTES) {
					throw new IOException("command line longer than " + MAX_LINE_BYTES + " bytes");
				}
				line.write(b);
			}
			return null;
		}

		private void reply(String rawReply) throws IOException {
			write(lines(rawReply, ScriptedFtpServer.this.charset));
		}

		private void write(byte[] bytes) throws IOException {
			synchronized (this.writeLock) {
				this.out.write(bytes);
				this.out.flush();
			}
		}

		@Override
		public void close() {
			Transfer running = this.transfer;
			if (running != null) {
				running.cancel();
				join(running.thread);
			}
			closeQuietly(this.passive);
			closeQuietly(this.control);
		}

	}

}
