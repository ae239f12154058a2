package dev.ftpgateway.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;

import dev.ftpgateway.files.FileOperationException;
import dev.ftpgateway.files.FileServer;
import dev.ftpgateway.files.FileServers;
import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.FtpProtocolException;
import dev.ftpgateway.ftp.FtpReplyException;
import dev.ftpgateway.ftp.FtpTemporaryException;
import dev.ftpgateway.ftp.FtpUnencodableNameException;
import dev.ftpgateway.ftp.NameCodec;
import dev.ftpgateway.ftp.Reply;
import dev.ftpgateway.pool.BackendLoginRefusedException;
import dev.ftpgateway.pool.BackendUnavailableException;
import dev.ftpgateway.pool.BackendUnavailableException.Reason;
import dev.ftpgateway.pool.ConnectionLimitException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;
import dev.ftpgateway.pool.PoolExhaustedException;
import dev.ftpgateway.transfers.TransferCancelledException;
import dev.ftpgateway.web.problem.FileProblemStatus;
import dev.ftpgateway.web.problem.GatewayProblems;
import dev.ftpgateway.web.transfer.IncompleteUploadException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Checks README's table "How failures map to HTTP statuses" against the code, row by row, so the
 * two cannot drift apart. A row is looked up by its exact wording in {@link #failures()}, which
 * raises the exceptions that failure comes as; any other row must name FTP reply codes
 * ({@code `550`}) or classes ({@code `4xx`}), and is checked with its example replies, each raised
 * as the client raises it. Both are answered by {@link FtpProblemHandler}, except the file
 * operation reasons no public factory raises, checked through {@link FileProblemStatus}, which the
 * handler uses for them. A case here without a row fails the test too. Every header a status cell names in backticks
 * ({@code `Retry-After`}) must be sent, and not sent where the cell leaves it out.
 */
class FailureStatusTableTest {

	private static final Path README = Path.of("README.md");

	private static final String HEADING = "### How failures map to HTTP statuses";

	private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

	private static final Pattern CODE = Pattern.compile("[1-5]\\d\\d");

	private static final Pattern CODE_CLASS = Pattern.compile("[1-5]xx");

	private static final Pattern REPLY = Pattern.compile("[1-5]\\d\\d .+");

	private static final Pattern ANYTHING = Pattern.compile(".*");

	private static final Pattern STATUS = Pattern.compile("^\\d{3}");

	/** A header a status cell names, with or without a value: {@code Retry-After}, {@code Content-Range: bytes *}. */
	private static final Pattern HEADER = Pattern.compile("[A-Za-z-]+(:.*)?");

	private static final ConnectionSettings GATEWAY_LOGIN = new ConnectionSettings("ftp.example.org", 21, "gateway",
			"secret", true, StandardCharsets.UTF_8, Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofSeconds(30));

	private static final FailingController CONTROLLER = new FailingController();

	private static final MockMvc MVC = MockMvcBuilders.standaloneSetup(CONTROLLER)
		.setControllerAdvice(new FtpProblemHandler(FilesSettings.defaults()))
		.build();

	/** The rows that are no FTP reply, by their wording in README, with the failures each stands for. */
	static Map<String, List<Supplier<Answer>>> failures() {
		Map<String, List<Supplier<Answer>>> failures = new LinkedHashMap<>();
		failures.put("No usable FTP reply: an SSH or HTTP server at the port, a garbled or endless reply, a passive"
				+ " data port the gateway refuses",
				List.of(thrown(new FtpProtocolException("Invalid reply line: 'SSH-2.0-OpenSSH_9.6'")),
						thrown(backend(Reason.NOT_FTP, new FtpProtocolException("Invalid reply line: 'HTTP/1.1 400'"))),
						thrown(new FtpProtocolException("Unreadable passive address",
								reply("227 Entering Passive Mode (127,0,0,1,0,22)")))));
		failures.put("The server refused another session with `421` on connect or login (its connection limit);"
				+ " the pool shrinks for `pool.limit-backoff`",
				List.of(thrown(new ConnectionLimitException(Duration.ofSeconds(5),
						new FtpTemporaryException(reply("421 Too many connections (8) from this IP"))))));
		failures.put("The gateway's own login was refused (`530`, `532`): that request, and every one needing a new"
				+ " session until `pool.login-backoff` has passed",
				List.of(thrown(loginRefused("530 Login incorrect.")),
						thrown(loginRefused("532 Need account for storing files."))));
		failures.put("Any other refusal while the gateway opens a session",
				List.of(thrown(backend(Reason.REFUSED, new FtpPermanentException(
						reply("500 OOPS: vsftpd: refusing to run with writable root inside chroot()")))),
						thrown(backend(Reason.REFUSED, new FtpPermanentException(reply("550 Permission denied.")))),
						thrown(backend(Reason.REFUSED, new FtpTemporaryException(reply("450 Try again later."))))));
		failures.put("TLS not offered by the server, or the TLS handshake failed",
				List.of(thrown(backend(Reason.TLS_NOT_OFFERED,
						new FtpPermanentException(reply("500 AUTH not understood")))),
						thrown(backend(Reason.TLS_FAILED, new SSLHandshakeException("PKIX path building failed")))));
		failures.put("All sessions busy for `pool.max-wait` (the pool's, or the caller's share,"
				+ " `security.max-sessions-per-caller`), or `pool.max-waiting` requests waiting already",
				List.of(thrown(new PoolExhaustedException(Duration.ofMillis(500), null))));
		failures.put("No answer in time: connect, greeting, reply or data timeout",
				List.of(thrown(new SocketTimeoutException("Read timed out")),
						thrown(backend(Reason.TIMEOUT, new SocketTimeoutException("connect timed out")))));
		failures.put("The connection to the FTP server was refused, failed or lost",
				List.of(thrown(backend(Reason.CONNECTION_REFUSED, new ConnectException("Connection refused"))),
						thrown(backend(Reason.CONNECTION_FAILED, new SocketException("Connection reset"))),
						thrown(new SocketException("Connection reset")),
						thrown(new EOFException("The FTP server closed the connection"))));
		failures.put("The FTP server's host name is not found (DNS)",
				List.of(thrown(backend(Reason.HOST_NOT_FOUND, new UnknownHostException("ftp.exmaple.org")))));
		failures.put("Nothing at the path, or at the folder it goes into",
				List.of(refused(FileOperationException.Reason.NOT_FOUND)));
		failures.put("Something in the way: a file where a folder must be, an existing move destination, a folder"
				+ " that is not empty, a move into itself",
				List.of(refused(FileOperationException.Reason.CONFLICT)));
		failures.put("A condition of the request does not hold: `If-None-Match: *` on an existing file,"
				+ " `If-Unmodified-Since` older than the file",
				List.of(refused(FileOperationException.Reason.PRECONDITION_FAILED),
						thrown(FileOperationException.preconditionFailed("/a.txt exists")),
						thrown(GatewayProblems.preconditionFailed("/a.txt was modified"))));
		failures.put("The operation cannot apply to the path: deleting, moving or replacing the root, a file"
				+ " upload to a path ending in `/`, a body on a folder's `PUT`",
				List.of(refused(FileOperationException.Reason.NOT_APPLICABLE),
						thrown(GatewayProblems.badRequest("A path ending in / creates a folder and takes no body"))));
		failures.put("An invalid path (see the list above)",
				List.of(thrown(new InvalidRemotePathException("encoded slash"))));
		failures.put("A path the server's `charset` cannot write (see [Several FTP servers](#several-ftp-servers))",
				List.of(thrown(unencodable())));
		failures.put("No server of the name in `/servers/NAME/files`, or `/files` with no default server",
				List.of(thrown(serverNotFound("/servers/partner-b/files/a.txt")), thrown(serverNotFound("/files/a.txt"))));
		failures.put("An upload body shorter than its `Content-Length`, or unreadable",
				List.of(thrown(new IncompleteUploadException("The request body ended early", new EOFException()))));
		failures.put("An upload an operator cancelled (see [Transfers in progress](#transfers-in-progress))",
				List.of(thrown(new TransferCancelledException("5f0c8e0a"))));
		failures.put("An upload larger than `transfer.max-upload-size`",
				List.of(thrown(new UploadTooLargeException(1024))));
		failures.put("A `Range` no byte of the file satisfies", List.of(thrown(new RangeNotSatisfiableException(10))));
		return failures;
	}

	static Stream<Row> rows() {
		return table().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void eachRowOfTheReadmeTableIsWhatTheGatewayAnswers(Row row) {
		List<Supplier<Answer>> failures = failures().get(row.failure());
		if (failures == null) {
			assertRepliesOf(row);
			return;
		}
		for (Supplier<Answer> failure : failures) {
			row.assertAnswered(failure.get(), documentedHeaders());
		}
	}

	@Test
	void everyFailureTestedHereIsARowOfTheReadmeTable() {
		assertThat(table().stream().map(Row::failure)).containsAll(failures().keySet());
	}

	/** A row of reply codes: each example is one of them, and each code and class has an example. */
	private static void assertRepliesOf(Row row) {
		Set<Integer> codes = backticked(row.failure(), CODE).stream().map(Integer::valueOf).collect(Collectors.toSet());
		Set<Integer> classes = backticked(row.failure(), CODE_CLASS).stream()
			.map((token) -> token.charAt(0) - '0')
			.collect(Collectors.toSet());
		assertThat(codes.isEmpty() && classes.isEmpty())
			.as("'%s' names no reply code and is none of the failures %s", row.failure(), failures().keySet())
			.isFalse();
		List<String> examples = backticked(row.example(), ANYTHING);
		assertThat(examples).as("example replies of '%s'", row.failure())
			.isNotEmpty()
			.allMatch(REPLY.asMatchPredicate());
		Set<Integer> exampleCodes = new TreeSet<>();
		for (String example : examples) {
			int code = Integer.parseInt(example.substring(0, 3));
			assertThat(codes.contains(code) || (classes.contains(code / 100) && !replyRowCodes().contains(code)))
				.as("example '%s' is a reply of the row '%s'", example, row.failure())
				.isTrue();
			Answer answer = answer(exceptionFor(reply(example)));
			row.assertAnswered(answer, documentedHeaders());
			assertThat(answer.body()).as(example).contains("\"ftpCode\":" + code);
			exampleCodes.add(code);
		}
		assertThat(exampleCodes).as("every code of '%s' has an example", row.failure()).containsAll(codes);
		assertThat(exampleCodes.stream().map((code) -> code / 100).collect(Collectors.toSet()))
			.as("every class of '%s' has an example", row.failure())
			.containsAll(classes);
	}

	/** The rows of the table, read from README. */
	private static List<Row> table() {
		List<String> lines;
		try {
			lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int heading = lines.indexOf(HEADING);
		assertThat(heading).as("README has the heading '%s'", HEADING).isNotNegative();
		List<Row> rows = new ArrayList<>();
		boolean inTable = false;
		for (String line : lines.subList(heading + 1, lines.size())) {
			if (!line.startsWith("|")) {
				if (inTable || line.startsWith("#")) {
					break;
				}
				continue;
			}
			if (inTable && !line.startsWith("|---")) {
				String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
				assertThat(cells).as(line).hasSize(3);
				rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip()));
			}
			inTable = true;
		}
		assertThat(rows).as("rows of the table below '%s'", HEADING).isNotEmpty();
		return rows;
	}

	/** The exact codes the table's reply rows name, which "any other" rows must not use as examples. */
	private static Set<Integer> replyRowCodes() {
		Set<String> failures = failures().keySet();
		return table().stream()
			.filter((row) -> !failures.contains(row.failure()))
			.flatMap((row) -> backticked(row.failure(), CODE).stream())
			.map(Integer::valueOf)
			.collect(Collectors.toSet());
	}

	/** Every header some status cell names: each must be sent exactly where its cell names it. */
	private static Set<String> documentedHeaders() {
		return table().stream()
			.flatMap((row) -> row.headers().stream())
			.collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
	}

	/** What a cell holds in backticks and {@code pattern} matches, in order. */
	private static List<String> backticked(String cell, Pattern pattern) {
		List<String> tokens = new ArrayList<>();
		Matcher backticked = BACKTICKED.matcher(cell);
		while (backticked.find()) {
			if (pattern.matcher(backticked.group(1)).matches()) {
				tokens.add(backticked.group(1));
			}
		}
		return tokens;
	}

	private static Reply reply(String line) {
		return new Reply(Integer.parseInt(line.substring(0, 3)), List.of(line));
	}

	/** The exception the FTP client raises for an unwelcome reply. */
	private static FtpException exceptionFor(Reply reply) {
		return switch (reply.kind()) {
			case 4 -> new FtpTemporaryException(reply);
			case 5 -> new FtpPermanentException(reply);
			default -> new FtpReplyException(reply);
		};
	}

	private static BackendUnavailableException backend(Reason reason, IOException cause) {
		return new BackendUnavailableException(reason, "The FTP server at ftp.example.org:21 failed", cause);
	}

	private static BackendLoginRefusedException loginRefused(String line) {
		return new BackendLoginRefusedException(GATEWAY_LOGIN, new FtpPermanentException(reply(line)),
				Duration.ofMinutes(1));
	}

	private static Supplier<Answer> thrown(Exception failure) {
		return () -> answer(failure);
	}

	/** What the client raises for a name ISO-8859-1 cannot write. */
	private static Exception unencodable() {
		try {
			NameCodec.of(StandardCharsets.ISO_8859_1).encode("RETR /日本.txt");
			throw new IllegalStateException("ISO-8859-1 wrote Japanese");
		}
		catch (FtpUnencodableNameException ex) {
			return ex;
		}
	}

	/** What a gateway with only server partner-a and no default answers for {@code path}. */
	private static Exception serverNotFound(String path) {
		FtpSessions noSessions = new FtpSessions() {

			@Override
			public Lease borrow() {
				throw new IllegalStateException("No FTP server behind this test");
			}

			@Override
			public boolean lendsShared() {
				return true;
			}

			@Override
			public void discardIdle() {
			}

		};
		FileServerResolver resolver = new FileServerResolver(
				new FileServers(Map.of("partner-a", new FileServer(noSessions, "/")), Optional.empty()));
		try {
			resolver.of(new MockHttpServletRequest("GET", path));
			throw new IllegalStateException(path + " found a server");
		}
		catch (ErrorResponseException ex) {
			return ex;
		}
	}

	/** A file operation the server's state ruled out, for the reasons no public factory raises. */
	private static Supplier<Answer> refused(FileOperationException.Reason reason) {
		return () -> new Answer(FileProblemStatus.forReason(reason).value(), Set.of(), "");
	}

	private static Answer answer(Exception failure) {
		CONTROLLER.failure = failure;
		try {
			MockHttpServletResponse response = MVC.perform(get("/fail")).andReturn().getResponse();
			return new Answer(response.getStatus(), Set.copyOf(response.getHeaderNames()),
					response.getContentAsString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException("No answer for " + failure, ex);
		}
	}

	/** One row of the table: the failure, example replies, and the status with the headers it names. */
	record Row(String failure, String example, String status) {

		Set<String> headers() {
			return backticked(this.status, HEADER).stream()
				.map((header) -> header.split(":")[0])
				.collect(Collectors.toSet());
		}

		void assertAnswered(Answer answer, Collection<String> documentedHeaders) {
			Matcher status = STATUS.matcher(this.status);
			assertThat(status.find()).as("'%s' starts with a status", this.status).isTrue();
			assertThat(answer.status()).as("%s: %s", this.failure, answer.body())
				.isEqualTo(Integer.parseInt(status.group()));
			for (String header : documentedHeaders) {
				boolean named = headers().stream().anyMatch(header::equalsIgnoreCase);
				boolean sent = answer.headers().stream().anyMatch(header::equalsIgnoreCase);
				assertThat(sent).as("%s sends %s", this.failure, header).isEqualTo(named);
			}
		}

		@Override
		public String toString() {
			return this.failure + " -> " + this.status;
		}

	}

	/** What the gateway answered. */
	record Answer(int status, Set<String> headers, String body) {

	}

	/** Throws whatever failure the running row stands for. */
	@RestController
	static class FailingController {

		Exception failure;

		@GetMapping("/fail")
		void fail() throws Exception {
			throw this.failure;
		}

	}

}
