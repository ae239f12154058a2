package dev.ftpgateway.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ftpgateway.files.Download;
import dev.ftpgateway.files.FileReads;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.ReadHandler;
import dev.ftpgateway.files.RemoteFile;
import dev.ftpgateway.files.RemoteFolder;
import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.files.SmallFileCache;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolExhaustedException;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One caller holding its share of the shared sessions (slow clients, say) waits for its own
 * sessions, and every other caller still finds sessions in the pool: real sessions on MINA.
 */
class CallerSessionsIT {

	private static final int POOL = 4;

	private static final int PER_CALLER = 2;

	private static final Duration MAX_WAIT = Duration.ofMillis(300);

	private static final Duration BOUND = Duration.ofSeconds(10);

	@RegisterExtension
	final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	private final List<Lease> held = new ArrayList<>();

	private FtpSessionPool pool;

	private CallerSessions sessions;

	@BeforeEach
	void pool() {
		ConnectionSettings connection = new ConnectionSettings(this.ftp.host(), this.ftp.port(), this.ftp.user(), this.ftp.password(), true,
				StandardCharsets.UTF_8, BOUND, BOUND, BOUND);
		this.pool = new FtpSessionPool(connection, new PoolSettings(POOL, 0, POOL, MAX_WAIT, Duration.ofHours(1),
				Duration.ofHours(1), Duration.ofHours(1)));
		this.sessions = new CallerSessions(this.pool, null, PER_CALLER, MAX_WAIT, POOL);
	}

	@AfterEach
	void giveBack() {
		this.held.forEach(Lease::close);
		this.pool.close();
		SecurityContextHolder.clearContext();
	}

	@Test
	void aCallerHoldingItsShareIsRefusedWhileOthersAreServed() throws IOException {
		Authentication reader = apiKey("reader");
		hold(reader, PER_CALLER);
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(PoolExhaustedException.class)
			.isThrownBy(() -> borrowAs(reader))
			.isInstanceOf(CallerSessionsExhaustedException.class));
		assertThat(this.pool.active()).isEqualTo(PER_CALLER);
		hold(apiKey("writer"), 1);
		hold(jwt("carol"), 1);
		assertThat(this.pool.active()).isEqualTo(POOL);
	}

	@Test
	void aSessionGivenBackMakesRoomForItsCaller() throws IOException {
		Authentication reader = apiKey("reader");
		hold(reader, PER_CALLER);
		this.held.remove(0).close();
		hold(reader, 1);
		assertThat(this.pool.active()).isEqualTo(PER_CALLER);
	}

	@Test
	void aCallerWhoseBorrowFailedKeepsItsShare() throws IOException {
		Authentication reader = apiKey("reader");
		this.ftp.server().stop();
		for (int i = 0; i < PER_CALLER + 1; i++) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> borrowAs(reader))
				.isNotInstanceOf(CallerSessionsExhaustedException.class);
		}
	}

	@Test
	void anonymousCallersShareOneShare() throws IOException {
		hold(anonymous(), PER_CALLER);
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(CallerSessionsExhaustedException.class)
			.isThrownBy(() -> borrowAs(anonymous())));
		hold(apiKey("reader"), 1);
	}

	@Test
	void allShareLinksTogetherAreOneCaller() throws IOException {
		hold(shareLink("/a.txt"), PER_CALLER);
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(CallerSessionsExhaustedException.class)
			.isThrownBy(() -> borrowAs(shareLink("/other/"))));
		hold(apiKey("reader"), 1);
		hold(jwt(ShareAuthentication.CALLER), 1);
	}

	@Test
	void requestsBeyondMaxWaitingAreRefusedAtOnceWithoutWaiting() throws Exception {
		CallerSessions oneWaiting = new CallerSessions(this.pool, null, PER_CALLER, BOUND, 1);
		Authentication reader = apiKey("reader");
		for (int i = 0; i < PER_CALLER; i++) {
			this.held.add(borrowAs(oneWaiting, reader));
		}
		CompletableFuture<Lease> waiter = new CompletableFuture<>();
		Thread waiting = new Thread(() -> {
			try {
				waiter.complete(borrowAs(oneWaiting, reader));
			}
			catch (IOException | RuntimeException ex) {
				waiter.completeExceptionally(ex);
			}
		}, "waiting-reader");
		waiting.start();
		await().atMost(BOUND).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
		Authentication writer = apiKey("writer");
		assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(TooManyWaitingException.class)
			.isThrownBy(() -> borrowAs(oneWaiting, writer))
			.isInstanceOf(PoolExhaustedException.class));
		this.held.remove(0).close();
		this.held.add(waiter.get(BOUND.toSeconds(), TimeUnit.SECONDS));
		this.held.add(borrowAs(oneWaiting, writer));
		assertThat(this.pool.active()).isEqualTo(PER_CALLER + 1);
	}

	@Test
	void aCallerHeldBackByItsOwnShareHoldsBackNoOtherCallersReadOfTheSameCachedFile() throws Exception {
		Path file = this.ftp.home().resolve("config.json");
		Files.writeString(file, "{}");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		// The held-back caller waits for its share far longer than the other caller is given.
		CallerSessions patient = new CallerSessions(this.pool, null, PER_CALLER, BOUND.multipliedBy(3), POOL);
		FileReads reads = new FileServer(patient, "/", false,
				new SmallFileCache(1024, 1024, Duration.ZERO, Clock.systemUTC())).reads();
		RemotePath path = RemotePath.ofDecoded("/config.json");
		assertThat(readAs(reads, path, apiKey("reader"))).isEqualTo("{}");
		Authentication greedy = apiKey("greedy");
		for (int i = 0; i < PER_CALLER; i++) {
			this.held.add(borrowAs(patient, greedy));
		}
		ExecutorService requests = Executors.newFixedThreadPool(2);
		try {
			Future<String> heldBack = requests.submit(() -> readAs(reads, path, greedy));
			await().atMost(BOUND).until(CallerSessionsIT::aRequestWaitsForItsShare);
			Future<String> other = requests.submit(() -> readAs(reads, path, apiKey("reader")));
			assertThat(other.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{}");
			assertThat(heldBack).isNotDone();
			this.held.remove(0).close();
			assertThat(heldBack.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("{}");
		}
		finally {
			requests.shutdownNow();
		}
	}

	/** Reads the whole file at {@code path} as {@code caller}, as a GET does. */
	private static String readAs(FileReads reads, RemotePath path, Authentication caller) throws IOException {
		SecurityContextHolder.getContext().setAuthentication(caller);
		return reads.read(path, new ReadHandler<>() {

			@Override
			public String folder(RemoteFolder folder) {
				throw new AssertionError("a file was expected at " + path);
			}

			@Override
			public String file(RemoteFile file) throws IOException {
				Download download = file.open(0);
				ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
				int read = 0;
				while (bytes.hasRemaining() && read >= 0) {
					read = download.read(bytes);
				}
				download.complete();
				return new String(bytes.array(), StandardCharsets.UTF_8);
			}

		});
	}

	/** Whether a thread waits in {@link CallerSessionLimit} for a session of its caller's share. */
	private static boolean aRequestWaitsForItsShare() {
		return Thread.getAllStackTraces().entrySet().stream()
			.filter((thread) -> thread.getKey().getState() == Thread.State.TIMED_WAITING)
			.anyMatch((thread) -> Arrays.stream(thread.getValue())
				.anyMatch((frame) -> frame.getClassName().equals(CallerSessionLimit.class.getName())
						&& frame.getMethodName().equals("acquire")));
	}

	private void hold(Authentication caller, int sessions) throws IOException {
		for (int i = 0; i < sessions; i++) {
			this.held.add(borrowAs(caller));
		}
	}

	private Lease borrowAs(Authentication caller) throws IOException {
		return borrowAs(this.sessions, caller);
	}

	private static Lease borrowAs(CallerSessions sessions, Authentication caller) throws IOException {
		SecurityContextHolder.getContext().setAuthentication(caller);
		return sessions.borrow();
	}

	private static Authentication apiKey(String name) {
		return new ScopedAuthentication("api-key:" + name, Set.of(FtpScope.READ), Set.of());
	}

	private static Authentication jwt(String subject) {
		Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60)).build();
		return new JwtAuthenticationToken(token, List.of(), subject);
	}

	private static Authentication shareLink(String path) {
		return new ShareAuthentication(
				new ShareGrant(RemotePath.ofDecoded(path), ShareGrant.Access.READ, Instant.now().plusSeconds(60)));
	}

	private static Authentication anonymous() {
		return new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("SCOPE_read"));
	}

}
