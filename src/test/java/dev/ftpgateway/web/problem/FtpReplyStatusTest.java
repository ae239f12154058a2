package dev.ftpgateway.web.problem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case or more for every reply row of README's "How failures map to HTTP statuses";
 * {@code FailureStatusTableTest} checks the table itself against the code.
 */
class FtpReplyStatusTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			530 | 530 Login incorrect.                             | 502
			532 | 532 Need account for storing files.              | 502
			550 | 550 /a.txt: No such file or directory.          | 404
			550 | 550 Requested action not taken. File unavailable | 404
			550 | 550 Permission denied.                           | 403
			550 | 550 Access is denied.                            | 403
			550 | 550 Operation not allowed                        | 403
			550 | 550 Forbidden filename                           | 403
			550 | 550 Directory already exists                     | 409
			550 | 550 Access denied: file exists                   | 403
			553 | 553 Could not create file.                       | 400
			553 | 553 Prohibited file name: .htaccess              | 400
			553 | 553 Permission denied                            | 403
			553 | 553 Access denied                                | 403
			501 | 501 Syntax error in parameters or arguments.     | 400
			552 | 552 Exceeded storage allocation                  | 507
			452 | 452 Insufficient storage space                   | 507
			421 | 421 Service not available, closing connection    | 503
			425 | 425 Can't open data connection.                  | 502
			426 | 426 Connection closed; transfer aborted.         | 502
			450 | 450 File busy                                    | 503
			451 | 451 Local error in processing                    | 503
			434 | 434 Requested host unavailable.                  | 503
			500 | 500 Unknown command                              | 502
			502 | 502 Command not implemented                      | 502
			503 | 503 Bad sequence of commands.                    | 502
			504 | 504 Command not implemented for that parameter.  | 502
			534 | 534 Request denied for policy reasons.           | 502
			150 | 150 Opening BINARY mode data connection.         | 502
			226 | 226 Transfer complete.                           | 502
			350 | 350 Restarting at 0.                             | 502
			""")
	void ftpRepliesBecomeTheMatchingHttpStatus(int code, String text, int status) {
		assertThat(FtpReplyStatus.forReply(code, text).value()).isEqualTo(status);
	}

	@ParameterizedTest
	@CsvSource({ "550, 404", "553, 400", "453, 503", "599, 502" })
	void repliesWithoutTextAreMappedByCodeAlone(int code, int status) {
		assertThat(FtpReplyStatus.forReply(code, null).value()).isEqualTo(status);
	}

}
