package dev.ftpgateway.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ftpgateway.ftp.FileStatus;
import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.TransferInputStream;
import dev.ftpgateway.ftp.TransferOutputStream;
import dev.ftpgateway.ftp.listing.FtpEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives {@link FtpClient} against real FTP servers: the lab's vsftpd, proftpd, pure-ftpd and
 * pyftpdlib, started by {@code .ci/interop}. Runs only with {@code -Pinterop}, and is skipped
 * unless {@code -Dinterop.servers=name=host:port,...} names the servers.
 * <p>
 * Other properties: {@code interop.user}/{@code interop.password} (default the lab's
 * {@code labuser}/{@code labpass}) and {@code interop.data}, the servers' root on this machine
 * ({@code /srv/ftplab}); without it, checksums are fetched over FTP and local-only checks
 * (modification times) are skipped. Every test writes only below {@code scratch/}, under a name
 * unique to the server and the run, and deletes what it wrote.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServersInteropIT {

	/** Client-side bound on every connect, reply and data read. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String BIG = "big/100MiB.bin";

	private static final long BIG_SIZE = 100L * 1024 * 1024;

	/** Top-level entries of {@code names/} as mkdata.sh makes them; two are folders. */
	private static final List<String> NAMES = List.of("with space.txt", "two  spaces.txt",
			" leading space.txt", "trailing space .txt", "café é.txt", "Ünïcödé ñ.txt", "日本語.txt", "日本",
			"emoji 🙂.txt", "percent%20literal.txt", "hash#frag.txt", "question?mark.txt", "plus+sign.txt",
			"amp&ersand.txt", "semi;colon.txt", "quote'single.txt", "[brackets].txt", "{braces}.txt",
			"comma,name.txt", "equals=sign.txt", "tilde~.txt", "dollar$.txt", "at@sign.txt", "UPPER.TXT",
			"lower.txt", ".hidden", "dir with space", "no_extension");

	private static final Set<String> NAMES_FOLDERS = Set.of("日本", "dir with space");

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	/** Path -> lower-case hex SHA-256, from the lab's SHA256SUMS. */
	private static Map<String, String> checksums;

	@BeforeAll
	static void requireServers() throws IOException {
		assumeTrue(System.getProperty("interop.servers") != null,
				"interop.servers not set: run .ci/interop, or ./mvnw verify -Pinterop -Dinterop.servers=name=host:port,...");
		checksums = loadChecksums(servers().findFirst().orElseThrow());
	}

	static Stream<Server> servers() {
		String spec = System.getProperty("interop.servers", "");
		return Arrays.stream(spec.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).map(Server::parse);
	}

	// --- session basics --------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void loginKeepsTheWelcomeBannerAndStartsAtTheRoot(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			assertThat(client.getWelcome()).startsWith("220");
			assertThat(client.pwd()).isEqualTo("/");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void cwdIntoAFolderAndDotDotBackUp(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			client.cwd("tree/d1_1");
			assertThat(client.pwd()).isEqualTo("/tree/d1_1");
			client.cwd("..");
			assertThat(client.pwd()).isEqualTo("/tree");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void featuresListWhatEveryLabServerAdvertises(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			Map<String, String> features = client.features();
			assertThat(features).containsKeys("SIZE", "MDTM", "EPSV", "UTF8");
			assertThat(features.get("REST")).isEqualTo("STREAM");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void quitEndsTheSession(Server server) throws IOException {
		FtpClient client = connect(server);
		assertThat(client.quit()).startsWith("221");
		assertThat(client.isConnected()).isFalse();
		client.close();
	}

	// --- listings -------------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void nlstNamesAllThousandSmallFiles(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			// "NLST small": vsftpd, proftpd and pure-ftpd answer "small/f0001.bin", pyftpdlib
			// "f0001.bin"; proftpd and pure-ftpd also send "small/." and "small/..". nlst() passes
			// the server's lines on unchanged, as ftplib does.
			Set<String> names = client.nlst("small").stream().map(ServersInteropIT::baseName)
				.filter((n) -> !n.equals(".") && !n.equals(".."))
				.collect(Collectors.toSet());
			assertThat(names).hasSize(1000).contains("f0001.bin", "f1000.bin");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void dirPassesLongListingLinesToTheCallback(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			List<String> lines = new ArrayList<>();
			client.dir(lines::add, "tree");
			assertThat(lines).anyMatch((l) -> l.endsWith(" file1.txt")).anyMatch((l) -> l.endsWith(" d1_1"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void sizeOfKnownFilesAndNoneForAMissingOne(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			// proftpd and pyftpdlib refuse SIZE in ASCII mode; the client must switch to TYPE I itself.
			assertThat(client.size("small/f0001.bin")).hasValue(1024);
			assertThat(client.size("zero.bin")).hasValue(0);
			assertThat(client.size(BIG)).hasValue(BIG_SIZE);
			assertThat(client.size("no-such-file-" + RUN_ID)).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void sizeAndMdtmOfManyFilesSentTogetherAnswerEachFileAsAskedAlone(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			assumeTrue(client.acceptsPipelining(TIMEOUT), server + " takes no pipelined commands");
			List<String> paths = manyPathsAndAMissingOne();
			List<FileStatus> together = client.sizeAndMdtmEach(paths);
			for (int i = 0; i < paths.size(); i++) {
				assertThat(together.get(i)).as(paths.get(i))
					.isEqualTo(new FileStatus(client.size(paths.get(i)), client.mdtm(paths.get(i))));
			}
			assertThat(together.get(0).size()).hasValue(1024);
			assertThat(together.get(paths.size() - 1).size()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void mlstOfManyPathsSentTogetherAnswersEachPathAsAskedAlone(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			assumeTrue(client.features().containsKey("MLST"), server + " has no MLST");
			assumeTrue(client.acceptsPipelining(TIMEOUT), server + " takes no pipelined commands");
			List<String> paths = manyPathsAndAMissingOne();
			List<Optional<FtpEntry>> together = client.mlstEach(paths);
			for (int i = 0; i < paths.size() - 1; i++) {
				FtpEntry alone = client.mlst(paths.get(i));
				assertThat(together.get(i)).as(paths.get(i)).hasValueSatisfying((entry) -> {
					assertThat(entry.size()).isEqualTo(alone.size()).hasValue(1024);
					assertThat(entry.modified()).isEqualTo(alone.modified()).isPresent();
				});
			}
			assertThat(together.get(paths.size() - 1)).isEmpty();
		}
	}

	/** As many small files as the gateway checks in one round trip, and a missing file last. */
	private static List<String> manyPathsAndAMissingOne() {
		List<String> paths = new ArrayList<>();
		for (int i = 1; i < 32; i++) {
			paths.add(String.format("small/f%04d.bin", i));
		}
		paths.add("no-such-file-" + RUN_ID);
		return paths;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void mdtmMatchesTheFilesModificationTime(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			Optional<Instant> modified = client.mdtm("small/f0001.bin");
			assertThat(modified).isPresent();
			Optional<Path> local = localData().map((d) -> d.resolve("small/f0001.bin"));
			if (local.isPresent()) {
				Instant expected = Files.getLastModifiedTime(local.get()).toInstant().truncatedTo(ChronoUnit.SECONDS);
				assertThat(modified.get().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(expected);
			}
			else {
				assertThat(modified.get()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
			}
			assertThat(client.mdtm("no-such-file-" + RUN_ID)).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void listOfNamesKeepsSpacesUnicodeAndUrlSpecialCharacters(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			Map<String, FtpEntry> entries = byName(client.list("names/"));
			// LIST without -a hides dot files on vsftpd and proftpd; MLSD shows them.
			Set<String> required = NAMES.stream().filter((n) -> !n.startsWith(".")).collect(Collectors.toSet());
			assertThat(entries.keySet()).containsAll(required).isSubsetOf(NAMES);
			for (String name : required) {
				FtpEntry entry = entries.get(name);
				if (NAMES_FOLDERS.contains(name)) {
					assertThat(entry.type()).as(name).isEqualTo(FtpEntry.Type.DIRECTORY);
				}
				else {
					assertThat(entry.type()).as(name).isEqualTo(FtpEntry.Type.FILE);
					long expected = ("name: " + name + "\n").getBytes(StandardCharsets.UTF_8).length;
					assertThat(entry.size()).as(name).hasValue(expected);
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void listOfTreeTellsFilesFromFolders(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			Map<String, FtpEntry> entries = byName(client.list("tree/"));
			assertThat(entries.keySet()).containsExactlyInAnyOrder("file1.txt", "file2.txt", "d1_1", "d1_2");
			assertThat(entries.get("d1_1").type()).isEqualTo(FtpEntry.Type.DIRECTORY);
			assertThat(entries.get("file1.txt").type()).isEqualTo(FtpEntry.Type.FILE);
			assertThat(entries.get("file1.txt").size()).hasValue("tree/file1.txt\n".length());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void listOfTenThousandEntriesParsesEveryOne(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			Map<String, FtpEntry> entries = byName(client.list("dir10k/"));
			assertThat(entries).hasSize(10_000);
			for (int i = 1; i <= 10_000; i++) {
				String name = String.format("e%05d.txt", i);
				FtpEntry entry = entries.get(name);
				assertThat(entry).as(name).isNotNull();
				assertThat(entry.type()).as(name).isEqualTo(FtpEntry.Type.FILE);
				assertThat(entry.size()).as(name).hasValue(("entry " + i + "\n").length());
			}
		}
	}

	// --- downloads --------------------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void retrieveBinaryOfSmallFilesMatchesTheirChecksums(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			for (String path : List.of("small/f0001.bin", "small/f0500.bin", "small/f1000.bin", "zero.bin",
					"names/日本語.txt", "names/ leading space.txt")) {
				MessageDigest digest = sha256();
				assertThat(client.retrieveBinary("RETR " + path, digest::update)).as(path).startsWith("226");
				assertThat(hex(digest)).as(path).isEqualTo(checksums.get(path));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void retrieveBinaryStreamsTheHundredMebibyteFile(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			MessageDigest digest = sha256();
			long[] count = { 0 };
			client.retrieveBinary("RETR " + BIG, (b, off, len) -> {
				digest.update(b, off, len);
				count[0] += len;
			});
			assertThat(count[0]).isEqualTo(BIG_SIZE);
			assertThat(hex(digest)).isEqualTo(checksums.get(BIG));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void retrieveFromAnOffsetSendsRestAndReturnsTheTail(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			byte[] whole = retrieveBytes(client, "small/f0002.bin");
			byte[] tail;
			try (TransferInputStream in = client.retrieve("small/f0002.bin", 1000)) {
				tail = in.readAllBytes();
			}
			assertThat(tail).isEqualTo(Arrays.copyOfRange(whole, 1000, 1024));
			// The session is still in step after the transfer.
			assertThat(client.size("small/f0002.bin")).hasValue(1024);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void retrieveLinesSplitsATextFileIntoLines(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			List<String> lines = new ArrayList<>();
			assertThat(client.retrieveLines("RETR tree/d1_1/file2.txt", lines::add)).startsWith("226");
			assertThat(lines).containsExactly("tree/d1_1/file2.txt");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void missingFileFailsWithPermanentReply550(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			assertThatExceptionOfType(FtpPermanentException.class)
				.isThrownBy(() -> client.retrieveBinary("RETR no-such-file-" + RUN_ID, (b, off, len) -> {
				}))
				.satisfies((e) -> assertThat(e.replyCode()).isEqualTo(550));
			// A refused RETR leaves the session usable.
			assertThat(client.pwd()).isEqualTo("/");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void closingADownloadEarlyAbortsItAndTheSessionStillWorks(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			try (TransferInputStream in = client.retrieve(BIG, 0)) {
				in.expectedSize().ifPresent((size) -> assertThat(size).isEqualTo(BIG_SIZE));
				assertThat(in.readNBytes(1 << 20)).hasSize(1 << 20);
			}
			assertThat(client.noop()).startsWith("200");
			assertThat(client.size("small/f0001.bin")).hasValue(1024);
			MessageDigest digest = sha256();
			client.retrieveBinary("RETR small/f0003.bin", digest::update);
			assertThat(hex(digest)).isEqualTo(checksums.get("small/f0003.bin"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void controlKeepAliveDuringALongDownloadLeavesTheSessionInStep(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			// Every 20 ms makes dozens of NOOPs during the 100 MiB: some servers answer them at once, some after the 226.
			client.settings().setControlKeepAlive(Duration.ofMillis(20));
			MessageDigest digest = sha256();
			try (TransferInputStream in = client.retrieve(BIG, 0)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = in.read(buffer)) != -1) {
					digest.update(buffer, 0, n);
				}
			}
			assertThat(hex(digest)).isEqualTo(checksums.get(BIG));
			assertThat(client.size("small/f0001.bin")).hasValue(1024);
			String path = scratch(server, "keepalive.bin");
			try (TransferOutputStream out = client.store(path, false)) {
				for (int i = 0; i < 64; i++) {
					out.write(pseudoRandom(256 * 1024));
				}
			}
			assertThat(client.size(path)).hasValue(64L * 256 * 1024);
			client.delete(path);
		}
	}

	// --- uploads and changes ----------------------------------------------------------------

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void storeBinaryWritesExactlyTheBytesSent(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			String path = scratch(server, "stor.bin");
			byte[] data = pseudoRandom(300_000);
			assertThat(client.storeBinary("STOR " + path, new ByteArrayInputStream(data))).startsWith("226");
			assertThat(retrieveBytes(client, path)).isEqualTo(data);
			assertThat(client.size(path)).hasValue(data.length);
			client.delete(path);
			assertThat(client.size(path)).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void storeLinesRoundTripsText(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			String path = scratch(server, "lines.txt");
			byte[] text = "first line\nsecond, with é\n\nlast\n".getBytes(StandardCharsets.UTF_8);
			assertThat(client.storeLines("STOR " + path, new ByteArrayInputStream(text))).startsWith("226");
			// Read back as lines: vsftpd stores ASCII uploads with the CRLFs sent (ascii_upload_enable=NO).
			List<String> lines = new ArrayList<>();
			client.retrieveLines("RETR " + path, lines::add);
			assertThat(lines).containsExactly("first line", "second, with é", "", "last");
			client.delete(path);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void storeThenAppendThroughOutputStreams(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			String path = scratch(server, "appe.bin");
			byte[] first = pseudoRandom(70_000);
			byte[] second = "appended tail".getBytes(StandardCharsets.US_ASCII);
			try (TransferOutputStream out = client.store(path, false)) {
				out.write(first);
			}
			try (TransferOutputStream out = client.store(path, true)) {
				out.write(second);
			}
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			expected.write(first);
			expected.write(second);
			assertThat(client.size(path)).hasValue(expected.size());
			assertThat(retrieveBytes(client, path)).isEqualTo(expected.toByteArray());
			client.delete(path);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void renameMovesAFile(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			String from = scratch(server, "before.txt");
			String to = scratch(server, "after name.txt");
			client.storeBinary("STOR " + from, new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
			assertThat(client.rename(from, to)).startsWith("250");
			assertThat(client.size(from)).isEmpty();
			assertThat(client.size(to)).hasValue(3);
			client.delete(to);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void mkdThenRmdAFolder(Server server) throws IOException {
		try (FtpClient client = connect(server)) {
			String dir = scratch(server, "dir");
			assertThat(client.mkd(dir)).endsWith(dir);
			client.cwd(dir);
			assertThat(client.pwd()).isEqualTo("/" + dir);
			client.cwd("/");
			assertThat(client.rmd(dir)).startsWith("250");
			assertThatExceptionOfType(FtpPermanentException.class).isThrownBy(() -> client.cwd(dir));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void activeModeRetrievesAndStores(Server server) throws IOException {
		try (FtpClient client = connect(server, false)) {
			MessageDigest digest = sha256();
			client.retrieveBinary("RETR small/f0004.bin", digest::update);
			assertThat(hex(digest)).isEqualTo(checksums.get("small/f0004.bin"));
			String path = scratch(server, "active.bin");
			byte[] data = pseudoRandom(100_000);
			client.storeBinary("STOR " + path, new ByteArrayInputStream(data));
			assertThat(retrieveBytes(client, path)).isEqualTo(data);
			client.delete(path);
		}
	}

	// --- helpers -------------------------------------------------------------------------------

	private static FtpClient connect(Server server) throws IOException {
		return connect(server, true);
	}

	private static FtpClient connect(Server server, boolean passive) throws IOException {
		FtpClient client = new FtpClient();
		client.settings().setConnectTimeout(TIMEOUT);
		client.settings().setReplyTimeout(TIMEOUT);
		client.settings().setDataTimeout(TIMEOUT);
		client.settings().setPassive(passive);
		try {
			client.connect(server.host(), server.port());
			client.login(System.getProperty("interop.user", "labuser"),
					System.getProperty("interop.password", "labpass"));
			return client;
		}
		catch (IOException | RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	/** A path below scratch/ that no other server run or test run uses. */
	private static String scratch(Server server, String name) {
		return "scratch/interop-" + server.name() + "-" + RUN_ID + "-" + name;
	}

	private static byte[] retrieveBytes(FtpClient client, String path) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		client.retrieveBinary("RETR " + path, out::write);
		return out.toByteArray();
	}

	private static Map<String, FtpEntry> byName(List<FtpEntry> entries) {
		Map<String, FtpEntry> map = entries.stream()
			.collect(Collectors.toMap(FtpEntry::name, Function.identity(), (a, b) -> a, HashMap::new));
		assertThat(map).as("duplicate names in listing").hasSameSizeAs(entries);
		return map;
	}

	private static String baseName(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static Optional<Path> localData() {
		return Optional.ofNullable(System.getProperty("interop.data")).map(Path::of).filter(Files::isDirectory);
	}

	/** SHA256SUMS from the local data folder, or over FTP when the servers are elsewhere. */
	private static Map<String, String> loadChecksums(Server server) throws IOException {
		List<String> lines = new ArrayList<>();
		Optional<Path> local = localData().map((d) -> d.resolve("SHA256SUMS")).filter(Files::isReadable);
		if (local.isPresent()) {
			lines.addAll(Files.readAllLines(local.get(), StandardCharsets.UTF_8));
		}
		else {
			try (FtpClient client = connect(server)) {
				client.retrieveLines("RETR SHA256SUMS", lines::add);
			}
		}
		// sha256sum's format: 64 hex digits, two spaces, the path (which may start with a space).
		Map<String, String> sums = new HashMap<>();
		for (String line : lines) {
			if (line.length() > 66) {
				sums.put(line.substring(66), line.substring(0, 64));
			}
		}
		assertThat(sums).containsKeys(BIG, "small/f0001.bin", "zero.bin");
		return sums;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	private static byte[] pseudoRandom(int length) {
		byte[] data = new byte[length];
		new Random(length).nextBytes(data);
		return data;
	}

	/** One server under test, from {@code name=host:port}. */
	record Server(String name, String host, int port) {

		static Server parse(String spec) {
			int eq = spec.indexOf('=');
			int colon = spec.lastIndexOf(':');
			if (eq < 1 || colon < eq) {
				throw new IllegalArgumentException("interop.servers entry is not name=host:port: " + spec);
			}
			return new Server(spec.substring(0, eq), spec.substring(eq + 1, colon),
					Integer.parseInt(spec.substring(colon + 1)));
		}

		@Override
		public String toString() {
			return this.name + " " + this.host + ":" + this.port;
		}

	}

}
