package dev.ftpgateway.ftp;

import java.util.List;

/**
 * One complete server reply: its three-digit code and every line as received, the first and
 * last included (RFC 959 section 4.2).
 *
 * @param code the reply code, 100 to 599
 * @param lines the reply's lines without line ends; never empty
 */
public record Reply(int code, List<String> lines) {

	public Reply {
		if (code < 100 || code > 599) {
			throw new IllegalArgumentException("reply code out of range: " + code);
		}
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("a reply has at least one line");
		}
	}

	/** The whole reply as ftplib returns it: the lines joined by {@code \n}. */
	public String text() {
		return String.join("\n", this.lines);
	}

	/** The first digit of the code: 1 preliminary, 2 completion, 3 intermediate, 4 and 5 failure. */
	public int kind() {
		return this.code / 100;
	}

	public boolean isPreliminary() {
		return kind() == 1;
	}

	public boolean isPositiveCompletion() {
		return kind() == 2;
	}

	public boolean isIntermediate() {
		return kind() == 3;
	}

	@Override
	public String toString() {
		return text();
	}

}
