package dev.ftpgateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.context.request.ServletWebRequest;

import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.PartialUpload;
import dev.ftpgateway.files.PartialUploads;
import dev.ftpgateway.files.Precondition;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.SmallFileCache;
import dev.ftpgateway.ftp.FtpEventListener;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpLogin;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.pool.UserSessionPool;
import dev.ftpgateway.testing.ReceivedCommand;
import dev.ftpgateway.testing.ScriptedFtpServer;
import dev.ftpgateway.web.transfer.TransferFailures;

import static dev.ftpgateway.web.OnlyServer.onlyServer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of small files serves exactly what the server holds: a copy is used only while the
 * server states the same size and time, never for a file modified too recently to tell a change
 * within the same second, and never after this gateway changed the file.
 */
class SmallFileCacheTest {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final long WAIT_SECONDS = 10;

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	SmallFileCacheTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, Duration.ofSeconds(WAIT_SECONDS), Duration.ofMinutes(5), Duration.ofMinutes(5),
						Duration.ofHours(1)));
		// As vsftpd: no MLST, so every use is checked with SIZE and MDTM, sent together.
		this.server.putFile("/a.txt", bytes("hello"))
			.reply("FEAT", "211-Features:\n EPSV\n SIZE\n MDTM\n REST STREAM\n211 End");
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void aSecondGetOfAnUnchangedSmallFileOpensNoDataConnection() throws IOException {
		Gateway gateway = new Gateway(Duration.ZERO);
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello");
		int before = this.server.commands().size();
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello");
		assertThat(verbsSince(before)).containsExactly("SIZE", "MDTM");
	}

	@Test
	void aResumableUploadCompletedThroughTheGatewayDropsTheCachedCopyEvenWhenSizeAndTimeStayTheSame()
			throws IOException {
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		PartialUploads uploads = gateway.files.partialUploads(Duration.ofHours(1));
		PartialUpload created = uploads.create(RemotePath.ofDecoded("/a.txt"), 5, "", NOW);
		byte[] hello = bytes("HELLO");
		PartialUpload done = uploads.append(created.id(), 0, (upload) -> {
			upload.write(hello, 0, hello.length);
			return hello.length;
		}, List.of(), NOW);
		assertThat(done.complete()).isTrue();
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("HELLO");
	}

	@Test
	void aFileChangedOnTheServerIsFetchedAgain() throws IOException {
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		this.server.putFile("/a.txt", bytes("hello, world"));
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello, world");
	}

	@Test
	void aFileModifiedWithinTheLastSecondsIsNeverCached() throws IOException {
		// Same size, same second: the server's times could not tell a change from the cached copy.
		this.server.reply("MDTM", "213 20261206115959");
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		this.server.putFile("/a.txt", bytes("HELLO"));
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("HELLO");
	}

	@Test
	void anUploadThroughTheGatewayDropsTheCachedCopyEvenWhenSizeAndTimeStayTheSame() throws IOException {
		// The fake states one time for every file, so only the invalidation can tell the change.
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		MockHttpServletRequest put = new MockHttpServletRequest("PUT", "/files/a.txt");
		put.setContent(bytes("HELLO"));
		gateway.uploads.put(RemotePath.ofDecoded("/a.txt"), put, new MockHttpServletResponse(), false, false);
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("HELLO");
	}

	@Test
	void aDeleteThroughTheGatewayDropsTheCachedCopy() throws IOException {
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		gateway.files.tree().delete(RemotePath.ofDecoded("/a.txt"), false, Precondition.NONE);
		this.server.putFile("/a.txt", bytes("again"));
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("again");
	}

	@Test
	void aRangeIsServedFromTheCachedBytesWithTheSameHeaders() throws IOException {
		Gateway gateway = new Gateway(Duration.ZERO);
		MockHttpServletResponse first = gateway.get("/a.txt", null);
		int before = this.server.commands().size();
		MockHttpServletResponse ranged = gateway.get("/a.txt", "bytes=1-2");
		assertThat(ranged.getStatus()).isEqualTo(206);
		assertThat(ranged.getContentAsString()).isEqualTo("el");
		assertThat(ranged.getHeader("Content-Range")).isEqualTo("bytes 1-2/5");
		assertThat(ranged.getHeader("ETag")).isEqualTo(first.getHeader("ETag"));
		assertThat(ranged.getHeader("Last-Modified")).isEqualTo(first.getHeader("Last-Modified"));
		assertThat(verbsSince(before)).doesNotContain("RETR", "REST");
	}

	@Test
	void aCachedCopyAnswersWantReprDigestFromItsOwnBytes() throws Exception {
		// The fake offers no HASH command: without the copy, a GET would answer no digest at all.
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		int before = this.server.commands().size();
		MockHttpServletResponse second = gateway.get("/a.txt", null, "sha-256=1");
		assertThat(second.getHeader("Repr-Digest")).isEqualTo(DigestIT.sha256Field("hello"));
		assertThat(verbsSince(before)).containsExactly("SIZE", "MDTM");
	}

	@Test
	void withMaxStaleACheckedCopyIsServedWithoutAnyFtpCommand() throws IOException {
		Gateway gateway = new Gateway(Duration.ofMinutes(1));
		gateway.get("/a.txt", null);
		int before = this.server.commands().size();
		assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello");
		assertThat(verbsSince(before)).isEmpty();
	}

	@Test
	void withMaxStaleACheckedCopyIsServedWhileTheOnlySessionIsBusy() throws IOException {
		Gateway gateway = new Gateway(Duration.ofMinutes(1));
		gateway.get("/a.txt", null);
		try (Lease busy = this.pool.borrow()) {
			assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello");
		}
	}

	@Test
	void getsOfACachedFileThatWaitForTheOnlySessionShareOneCheck() throws Exception {
		Gateway gateway = new Gateway(Duration.ZERO);
		gateway.get("/a.txt", null);
		int before = this.server.commands().size();
		int clients = 5;
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		try {
			List<Future<String>> bodies = new ArrayList<>();
			try (Lease busy = this.pool.borrow()) {
				for (int i = 0; i < clients; i++) {
					bodies.add(threads.submit(() -> gateway.get("/a.txt", null).getContentAsString()));
				}
				awaitParkedInChecks(clients);
			}
			for (Future<String> body : bodies) {
				assertThat(body.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(verbsSince(before)).containsExactly("SIZE", "MDTM");
	}

	@Test
	void getsOfDifferentCachedFilesThatWaitForTheOnlySessionAreCheckedInOneRoundTripAndAChangedOneIsFetchedAgain()
			throws Exception {
		assertDifferentFilesWaitingForTheOnlySessionAreCheckedTogether("SIZE", "MDTM");
	}

	@Test
	void onAServerWithMlstGetsOfDifferentCachedFilesThatWaitForTheOnlySessionAreCheckedWithMlstsSentTogether()
			throws Exception {
		this.server.reply("FEAT", "211-Features:\n EPSV\n MLST type*;size*;modify*;\n SIZE\n MDTM\n211 End");
		assertDifferentFilesWaitingForTheOnlySessionAreCheckedTogether("MLST");
	}

	/**
	 * Five cached files, one of them changed on the server, asked for while the only session is
	 * busy: once it is free, one check asks about all five with {@code checkVerbs} sent together,
	 * and each GET answers its own file's bytes as the server holds them.
	 */
	private void assertDifferentFilesWaitingForTheOnlySessionAreCheckedTogether(String... checkVerbs)
			throws Exception {
		List<String> files = List.of("/a.txt", "/b.txt", "/c.txt", "/d.txt", "/e.txt");
		for (String file : files) {
			this.server.putFile(file, bytes("content of " + file));
		}
		Gateway gateway = new Gateway(Duration.ZERO);
		for (String file : files) {
			gateway.get(file, null);
		}
		this.server.putFile("/c.txt", bytes("changed content of /c.txt"));
		int before = this.server.receivedCommands().size();
		ExecutorService threads = Executors.newFixedThreadPool(files.size());
		try {
			List<Future<String>> bodies = new ArrayList<>();
			try (Lease busy = this.pool.borrow()) {
				for (String file : files) {
					bodies.add(threads.submit(() -> gateway.get(file, null).getContentAsString()));
				}
				awaitParkedInChecks(files.size());
			}
			for (int i = 0; i < files.size(); i++) {
				String expected = files.get(i).equals("/c.txt") ? "changed content of /c.txt"
						: "content of " + files.get(i);
				assertThat(bodies.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(expected);
			}
		}
		finally {
			threads.shutdownNow();
		}
		List<ReceivedCommand> received = this.server.receivedCommands();
		// On the first batch, the pipelining probe (two NOOPs) may come first.
		int start = before;
		while (!received.get(start).verb().equals(checkVerbs[0])) {
			start++;
		}
		List<ReceivedCommand> checks = received.subList(start, start + files.size() * checkVerbs.length);
		assertThat(checks).extracting(ReceivedCommand::verb)
			.containsExactlyElementsOf(Collections.nCopies(files.size(), List.of(checkVerbs))
				.stream().flatMap(List::stream).toList());
		assertThat(checks.subList(1, checks.size())).as("sent before the reply to the command before")
			.allMatch(ReceivedCommand::sentBeforePreviousReply);
		List<String> later = received.subList(start + checks.size(), received.size()).stream()
			.map(ReceivedCommand::line)
			.toList();
		assertThat(later).as("commands after the shared check").contains("RETR /c.txt")
			.noneMatch((command) -> command.startsWith("RETR") && !command.equals("RETR /c.txt"));
	}

	@Test
	void theCacheKeepsNoMoreThanItsMaximumAndDropsTheLeastRecentlyUsed() throws IOException {
		this.server.putFile("/b.txt", bytes("world"));
		SmallFileCache cache = new SmallFileCache(5, 8, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
		Gateway gateway = new Gateway(cache);
		gateway.get("/a.txt", null);
		gateway.get("/b.txt", null);
		assertThat(cache).extracting("totalBytes").isEqualTo(5L);
		int before = this.server.commands().size();
		gateway.get("/b.txt", null);
		assertThat(verbsSince(before)).doesNotContain("RETR");
		before = this.server.commands().size();
		gateway.get("/a.txt", null);
		assertThat(verbsSince(before)).contains("RETR");
	}

	@Test
	void aPassThroughCallersReadsAreNeverCached() throws IOException {
		// A caller's own session may see another tree than the gateway's (a chroot of its own).
		Duration second = Duration.ofSeconds(1);
		try (UserSessionPool users = new UserSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "", "", true, StandardCharsets.UTF_8,
						second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)),
				1, 1, FtpEventListener.NONE)) {
			FtpSessions caller = new FtpSessions() {

				@Override
				public Lease borrow() throws IOException {
					return users.borrow(new FtpLogin("alice", "secret"));
				}

				@Override
				public boolean lendsShared() {
					return false;
				}

				@Override
				public void discardIdle() {
					users.discardIdle();
				}

			};
			SmallFileCache cache = new SmallFileCache(64 * 1024, 1024 * 1024, Duration.ZERO,
					Clock.fixed(NOW, ZoneOffset.UTC));
			Gateway gateway = new Gateway(new FileServer(caller, "/", false, cache));
			gateway.get("/a.txt", null);
			int before = this.server.commands().size();
			assertThat(gateway.get("/a.txt", null).getContentAsString()).isEqualTo("hello");
			assertThat(verbsSince(before)).contains("RETR");
			assertThat(cache).extracting("totalBytes").isEqualTo(0L);
		}
	}

	/** Waits until {@code count} threads wait in a check of a cached copy: for the session, or for its answer. */
	private static void awaitParkedInChecks(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		while (parkedInChecks() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(parkedInChecks()).isEqualTo(count);
	}

	/** How many threads wait in a check of a cached copy, parked or timed. */
	static long parkedInChecks() {
		return Thread.getAllStackTraces().entrySet().stream()
			.filter((thread) -> thread.getKey().getState() == Thread.State.WAITING
					|| thread.getKey().getState() == Thread.State.TIMED_WAITING)
			.filter((thread) -> Arrays.stream(thread.getValue())
				.anyMatch((frame) -> frame.getClassName().equals("dev.ftpgateway.files.CoalescedChecks")))
			.count();
	}

	private List<String> verbsSince(int from) {
		List<String> commands = this.server.commands();
		return commands.subList(from, commands.size()).stream().map((command) -> command.split(" ", 2)[0]).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The gateway's read and upload services over one server with a cache, the clock fixed at {@link #NOW}. */
	private final class Gateway {

		final FileServer files;

		final DownloadService downloads;

		final UploadService uploads;

		Gateway(Duration maxStale) {
			this(new SmallFileCache(64 * 1024, 1024 * 1024, maxStale, Clock.fixed(NOW, ZoneOffset.UTC)));
		}

		Gateway(SmallFileCache cache) {
			this(new FileServer(SmallFileCacheTest.this.pool, "/", false, cache));
		}

		Gateway(FileServer files) {
			this.files = files;
			TransferFailures failures = new TransferFailures(new SimpleMeterRegistry());
			this.downloads = new DownloadService(onlyServer(this.files), FilesSettings.defaults(), failures,
					JsonMapper.builder().build(), OnlyServer.transfers(),
					new RequestAttributeSecurityContextRepository());
			this.uploads = new UploadService(onlyServer(this.files), FilesSettings.defaults(), failures, OnlyServer.transfers());
		}

		MockHttpServletResponse get(String path, String range) throws IOException {
			return get(path, range, null);
		}

		MockHttpServletResponse get(String path, String range, String wantReprDigest) throws IOException {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/files" + path);
			if (range != null) {
				request.addHeader("Range", range);
			}
			if (wantReprDigest != null) {
				request.addHeader("Want-Repr-Digest", wantReprDigest);
			}
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.downloads.get(RemotePath.ofDecoded(path), new ServletWebRequest(request, response), response, true);
			return response;
		}

	}

}
