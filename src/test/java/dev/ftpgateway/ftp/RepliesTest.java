package dev.ftpgateway.ftp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RepliesTest {

	@ParameterizedTest
	@ValueSource(strings = { "227 Entering Passive Mode (127,0,0,1,4,1)", "227 =127,0,0,1,4,1",
			"227 Entering Passive Mode 127,0,0,1,4,1", "227 Entering Passive Mode (127,0,0,1,4,1).",
			"227 ok 127,0,0,1,4,1 (see RFC 1123)" })
	void passiveReplyAddressIsFoundWhateverTheWording(String text) throws FtpException {
		InetSocketAddress address = Replies.parse227(reply(text));
		assertThat(address.getHostString()).isEqualTo("127.0.0.1");
		assertThat(address.getPort()).isEqualTo(4 * 256 + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "227 Entering Passive Mode", "227 (127,0,0,1,4)", "227 (127,0,0,300,4,1)",
			"227 (127,0,0,1,0,0)" })
	void passiveReplyWithoutValidAddressIsAProtocolError(String text) {
		assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> Replies.parse227(reply(text)));
	}

	@Test
	void passiveAddressFromAnotherReplyCodeIsAReplyError() {
		assertThatExceptionOfType(FtpReplyException.class)
			.isThrownBy(() -> Replies.parse227(reply("200 (127,0,0,1,4,1)")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "229 Entering Extended Passive Mode (|||6446|)", "229 (!!!6446!)",
			"229 Entering extended passive mode (|||6446|).", "229 EPSV ok (###6446#) thanks" })
	void extendedPassivePortIsReadWithAnyDelimiter(String text) throws FtpException {
		assertThat(Replies.parse229(reply(text))).isEqualTo(6446);
	}

	@ParameterizedTest
	@ValueSource(strings = { "229 Entering Extended Passive Mode", "229 (|||6446)", "229 (||6446|)",
			"229 (|||port|)", "229 (|||70000|)", "229 (||||)" })
	void malformedExtendedPassiveReplyIsAProtocolError(String text) {
		assertThatExceptionOfType(FtpProtocolException.class).isThrownBy(() -> Replies.parse229(reply(text)));
	}

	@Test
	void sizeIsReadFromA150Reply() {
		assertThat(Replies.parse150(reply("150 Opening BINARY mode data connection for f (1234 bytes)")))
			.isEqualTo(OptionalLong.of(1234));
		assertThat(Replies.parse150(reply("150 Opening data connection for f (1234 BYTES).")))
			.isEqualTo(OptionalLong.of(1234));
	}

	@Test
	void sizeIsAbsentWhenThe150DoesNotSayOrIsAnotherCode() {
		assertThat(Replies.parse150(reply("150 Here comes the directory listing."))).isEmpty();
		assertThat(Replies.parse150(reply("125 Data connection already open (12 bytes)"))).isEmpty();
		assertThat(Replies.parse150(reply("150 huge (99999999999999999999999 bytes)"))).isEmpty();
	}

	@Test
	void quotedPathIsReadWithDoubledQuotesUnescaped() throws FtpException {
		assertThat(Replies.parse257(reply("257 \"/a \"\"quoted\"\" dir\" created"))).isEqualTo("/a \"quoted\" dir");
		assertThat(Replies.parse257(reply("257 \"/\" is the current directory"))).isEqualTo("/");
		assertThat(Replies.parse257(reply("257 \"/unterminated"))).isEqualTo("/unterminated");
	}

	@Test
	void pathReplyWithoutQuotesGivesAnEmptyPathAsFtplibDoes() throws FtpException {
		assertThat(Replies.parse257(reply("257 MKD command successful"))).isEmpty();
	}

	@Test
	void pathFromAnotherReplyCodeIsAReplyError() {
		assertThatExceptionOfType(FtpReplyException.class).isThrownBy(() -> Replies.parse257(reply("250 \"/x\"")));
	}

	private static Reply reply(String text) {
		return new Reply(Integer.parseInt(text.substring(0, 3)), List.of(text));
	}

}
