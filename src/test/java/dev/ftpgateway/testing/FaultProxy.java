package dev.ftpgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault-injecting TCP proxy between an FTP client and an FTP server on 127.0.0.1, for control
 * and data connections alike: it rewrites the server's 227 and 229 replies to data ports of its
 * own and forwards those to the server's, so every byte of a session passes through it. Faults:
 * drop every connection (a server restart or a NAT timeout), hold back replies (a hung server),
 * cut or stall the next data connection after some bytes, refuse new sessions with a reply.
 *
 * <p>Threads are daemons, every socket is tracked, and {@link #close()} ends them all; a stall
 * lasts until {@link #resume()} or close, at most {@link #MAX_STALL_SECONDS}.
 */
public final class FaultProxy implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private static final long MAX_STALL_SECONDS = 60;

	private static final Pattern EPSV = Pattern.compile("^229 (.*)\\(\\|\\|\\|(\\d+)\\|\\)(.*)$");

	private static final Pattern PASV = Pattern.compile("^227 .*?(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+).*$");

	private final ServerSocket listener;

	private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

	private final Queue<DataFault> dataFaults = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sessions = new AtomicInteger();

	private volatile int targetPort;

	private volatile String refusal;

	private volatile CountDownLatch repliesHeld;

	private volatile boolean closed;

	/** Listens on an ephemeral port of 127.0.0.1 and forwards to {@code targetPort} there. */
	public FaultProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getByName(HOST));
		this.open.add(this.listener);
		start("fault-proxy-accept", this::acceptControl);
	}

	/** The port clients connect to. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** How many control connections were accepted so far. */
	public int sessions() {
		return this.sessions.get();
	}

	/** Closes every connection now, control and data, as a server restart or a NAT timeout would. */
	public void dropAll() {
		for (Closeable closeable : this.open) {
			if (closeable != this.listener) {
				closeQuietly(closeable);
			}
		}
	}

	/** Holds back every reply from now on, as a hung server would, until {@link #resume()}. */
	public void holdReplies() {
		this.repliesHeld = new CountDownLatch(1);
	}

	/** Forwards replies again. */
	public void resume() {
		CountDownLatch held = this.repliesHeld;
		this.repliesHeld = null;
		if (held != null) {
			held.countDown();
		}
	}

	/** New sessions get {@code reply} (e.g. {@code 421 Too many connections}) and are closed; null to stop. */
	public void refuseSessions(String reply) {
		this.refusal = reply;
	}

	/** The next data connection is closed, both ways, after {@code bytes} bytes. */
	public void dropDataAfter(long bytes) {
		this.dataFaults.add(new DataFault(bytes, false));
	}

	/** The next data connection stops forwarding after {@code bytes} bytes, until closed. */
	public void stallDataAfter(long bytes) {
		this.dataFaults.add(new DataFault(bytes, true));
	}

	@Override
	public void close() {
		this.closed = true;
		resume();
		this.open.forEach(FaultProxy::closeQuietly);
	}

	private void acceptControl() {
		while (!this.closed) {
			try {
				Socket client = this.listener.accept();
				this.sessions.incrementAndGet();
				this.open.add(client);
				String refused = this.refusal;
				if (refused != null) {
					client.getOutputStream().write((refused + "\r\n").getBytes(StandardCharsets.US_ASCII));
					closeQuietly(client);
					continue;
				}
				Socket server = connect(this.targetPort);
				start("fault-proxy-commands", () -> pump(client, server, null));
				start("fault-proxy-replies", () -> forwardReplies(server, client));
			}
			catch (IOException ex) {
				// The listener closed, or the server is down: the client sees its connection end.
			}
		}
	}

	private Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		this.open.add(socket);
		socket.connect(new InetSocketAddress(HOST, port), 5_000);
		return socket;
	}

	private void forwardReplies(Socket server, Socket client) {
		try (server; client) {
			InputStream in = server.getInputStream();
			OutputStream out = client.getOutputStream();
			byte[] line;
			while ((line = readLine(in)) != null) {
				awaitResume();
				out.write(rewrite(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (IOException ex) {
			// One side went away; closing both tells the other.
		}
	}

	private String rewrite(String line) throws IOException {
		Matcher epsv = EPSV.matcher(line.stripTrailing());
		if (epsv.matches()) {
			int port = proxyData(Integer.parseInt(epsv.group(2)));
			return "229 " + epsv.group(1) + "(|||" + port + "|)" + epsv.group(3) + "\r\n";
		}
		Matcher pasv = PASV.matcher(line.stripTrailing());
		if (pasv.matches()) {
			int port = proxyData(Integer.parseInt(pasv.group(5)) * 256 + Integer.parseInt(pasv.group(6)));
			return "227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 255) + ")\r\n";
		}
		return line;
	}

	// Listens for the one data connection the client will open, and forwards it to the server's port.
	private int proxyData(int serverPort) throws IOException {
		ServerSocket data = new ServerSocket(0, 1, InetAddress.getByName(HOST));
		this.open.add(data);
		data.setSoTimeout(10_000);
		start("fault-proxy-data", () -> {
			try (data; Socket client = data.accept(); Socket server = connect(serverPort)) {
				this.open.add(client);
				DataFault fault = this.dataFaults.poll();
				Budget budget = new Budget(fault);
				Thread upload = start("fault-proxy-data-up", () -> pump(client, server, budget));
				pump(server, client, budget);
				upload.join(10_000);
			}
			catch (IOException ex) {
				// The transfer ended or was cut: both sockets are closed now.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return data.getLocalPort();
	}

	private void pump(Socket from, Socket to, Budget budget) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			byte[] buffer = new byte[16 * 1024];
			int n;
			while ((n = in.read(buffer)) != -1) {
				int allowed = (budget == null) ? n : budget.take(n);
				out.write(buffer, 0, allowed);
				out.flush();
				if (allowed < n) {
					budget.trip(from, to, this::awaitClose);
					return;
				}
			}
			// Half-close, so the end of an upload's data reaches the server as the end of the file.
			to.shutdownOutput();
		}
		catch (IOException ex) {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void awaitResume() {
		CountDownLatch held = this.repliesHeld;
		if (held != null) {
			await(held);
		}
	}

	private void awaitClose() {
		await(new CountDownLatch(1));
	}

	private void await(CountDownLatch latch) {
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_STALL_SECONDS);
			while (!this.closed && System.nanoTime() < deadline && !latch.await(50, TimeUnit.MILLISECONDS)) {
				// Polls so close() ends the wait even for a latch nobody counts down.
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			line.write(b);
			if (b == '\n') {
				return line.toByteArray();
			}
		}
		return (line.size() == 0) ? null : line.toByteArray();
	}

	private static Thread start(String name, ThrowingRunnable task) {
		Thread thread = new Thread(() -> {
			try {
				task.run();
			}
			catch (Exception ex) {
				// Sockets closing under a proxy thread end it; nothing else to report.
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Best effort: the socket is unusable either way.
		}
	}

	/** A task that may throw, for proxy threads. */
	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

	/** A one-shot fault for a data connection: after {@code afterBytes}, cut it or stall it. */
	private record DataFault(long afterBytes, boolean stall) {
	}

	/** The bytes a data connection may still forward, shared by both directions. */
	private static final class Budget {

		private final DataFault fault;

		private long left;

		Budget(DataFault fault) {
			this.fault = fault;
			this.left = (fault == null) ? Long.MAX_VALUE : fault.afterBytes();
		}

		synchronized int take(int wanted) {
			int allowed = (int) Math.min(wanted, this.left);
			this.left -= allowed;
			return allowed;
		}

		void trip(Socket from, Socket to, Runnable stall) {
			if (this.fault.stall()) {
				stall.run();
			}
			closeQuietly(from);
			closeQuietly(to);
		}

	}

}
