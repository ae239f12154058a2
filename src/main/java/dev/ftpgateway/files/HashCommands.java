package dev.ftpgateway.files;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.FtpTemporaryException;

/**
 * Asks the FTP server for a file's digest with a hash command of its own, so no byte of the file
 * crosses to the gateway: HASH (draft-ietf-ftpext2-hash: FEAT lists the algorithms, OPTS HASH
 * selects one; proftpd's mod_digest, FileZilla Server), XSHA256, XSHA512, XSHA1 and XMD5
 * (proftpd's mod_digest and others), and MD5 (Apache MINA FtpServer, draft-twine-ftpmd5). Only
 * what FEAT announces is tried. XCRC is CRC-32, which RFC 9530 has no name for, so it is not used.
 */
final class HashCommands {

	/** The older one-algorithm commands for each algorithm (JDK names), in the order they are tried. */
	private static final Map<String, List<String>> SINGLE = Map.of("SHA-256", List.of("XSHA256"), "SHA-512",
			List.of("XSHA512"), "SHA-1", List.of("XSHA1", "XSHA"), "MD5", List.of("XMD5", "MD5"));

	private HashCommands() {
	}

	/**
	 * The file's digest in the first of {@code algorithms} (JDK names, most wanted first) a hash
	 * command of the server offers.
	 * @param absolute the file's absolute FTP path
	 * @return empty when the server offers none of them, or refuses them for this file (proftpd
	 *         refuses files over its DigestMaxSize)
	 */
	static Optional<Digest> ask(FtpClient client, String absolute, List<String> algorithms) throws IOException {
		Map<String, String> features = client.features();
		for (String algorithm : algorithms) {
			Optional<Digest> digest = askFor(client, features, absolute, algorithm);
			if (digest.isPresent()) {
				return digest;
			}
		}
		return Optional.empty();
	}

	/** Whether the server offers a hash command for {@code algorithm} (a JDK name). */
	static boolean offers(Map<String, String> features, String algorithm) {
		return hashOffers(features, algorithm) || SINGLE.getOrDefault(algorithm, List.of()).stream()
			.anyMatch(features::containsKey);
	}

	private static Optional<Digest> askFor(FtpClient client, Map<String, String> features, String absolute,
			String algorithm) throws IOException {
		int hexLength = digestLength(algorithm) * 2;
		try {
			if (hashOffers(features, algorithm)) {
				client.sendCommand("OPTS HASH " + algorithm);
				// 213 SHA-256 0-49 <hex> <path>: the third word of the last line is the digest.
				String[] words = words(client.sendCommand("HASH " + absolute));
				return (words.length > 2) ? digest(algorithm, words[2], hexLength) : Optional.empty();
			}
			for (String command : SINGLE.getOrDefault(algorithm, List.of())) {
				if (features.containsKey(command)) {
					// mod_digest answers "250 <HEX>", its and MINA's MD5 "251 <path> <HEX>": the digest is last.
					String[] words = words(client.sendCommand(command + " " + quoted(absolute, command)));
					return digest(algorithm, words[words.length - 1], hexLength);
				}
			}
		}
		catch (FtpPermanentException | FtpTemporaryException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/**
	 * mod_digest reads a path with spaces only in double quotes (its X commands take an optional
	 * range after the path); HASH and MINA's MD5 take the rest of the line as the path.
	 */
	private static String quoted(String absolute, String command) {
		return (absolute.contains(" ") && command.startsWith("X")) ? "\"" + absolute + "\"" : absolute;
	}

	private static boolean hashOffers(Map<String, String> features, String algorithm) {
		String offered = features.get("HASH");
		return offered != null && Arrays.stream(offered.split(";"))
			.map((name) -> name.replace("*", "").trim().toUpperCase(Locale.ROOT))
			.anyMatch(algorithm::equals);
	}

	private static Optional<Digest> digest(String algorithm, String word, int hexLength) {
		if (word.length() != hexLength || !word.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
			return Optional.empty();
		}
		return Optional.of(new Digest(algorithm, HexFormat.of().parseHex(word.toLowerCase(Locale.ROOT))));
	}

	/**
	 * The words of a reply's last line after its code: proftpd's mod_digest answers in two lines,
	 * {@code 213-Computing SHA-256 digest} and then the answer.
	 */
	private static String[] words(String reply) {
		String[] lines = reply.trim().split("\n");
		String text = lines[lines.length - 1].trim();
		if (text.length() > 3 && Character.isDigit(text.charAt(0)) && text.charAt(3) == ' ') {
			text = text.substring(4);
		}
		return text.split("\\s+");
	}

	private static int digestLength(String algorithm) {
		try {
			return MessageDigest.getInstance(algorithm).getDigestLength();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalArgumentException("no such digest algorithm: " + algorithm, ex);
		}
	}

}
