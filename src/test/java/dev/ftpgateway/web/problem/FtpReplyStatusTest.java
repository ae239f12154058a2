package dev.ftpgateway.web.problem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FtpReplyStatusTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			550 | 550 /a.txt: No such file or directory.          | 404
			550 | 550 Requested action not taken. File unavailable | 404
			550 | 550 Permission denied.                           | 403
			550 | 550 Access is denied.                            | 403
			550 | 550 Directory already exists                     | 409
			553 | 553 Could not create file.                       | 400
			553 | 553 Prohibited file name: .htaccess              | 400
			553 | 553 Permission denied                            | 403
			501 | 501 Syntax error in parameters                   | 400
			552 | 552 Exceeded storage allocation                  | 507
			452 | 452 Insufficient storage space                   | 507
			530 | 530 Login incorrect.                             | 502
			421 | 421 Service not available, closing connection    | 503
			425 | 425 Can't open data connection.                  | 502
			426 | 426 Connection closed; transfer aborted.         | 502
			450 | 450 File busy                                    | 503
			451 | 451 Local error in processing                    | 503
			500 | 500 Unknown command                              | 502
			502 | 502 Command not implemented                      | 502
			""")
	void ftpErrorRepliesBecomeTheMatchingHttpStatus(int code, String text, int status) {
		assertThat(FtpReplyStatus.forReply(code, text).value()).isEqualTo(status);
	}

	@ParameterizedTest
	@CsvSource({ "550, 404", "453, 503", "599, 502" })
	void repliesWithoutTextAreMappedByCodeAlone(int code, int status) {
		assertThat(FtpReplyStatus.forReply(code, null).value()).isEqualTo(status);
	}

}
