package dev.ftpgateway.web.digest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.ftpgateway.files.Digest;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The digest fields of RFC 9530: {@code Content-Digest} and {@code Repr-Digest} (a dictionary of
 * algorithms and their Base64 digests, {@code sha-256=:...:}) and {@code Want-Repr-Digest} (a
 * dictionary of algorithms and preferences from 0 to 10). The algorithms are the registry's
 * active {@code sha-256} and {@code sha-512}, and the deprecated {@code md5} and {@code sha}
 * (SHA-1) that older clients still send.
 */
public final class DigestFields {

	public static final String CONTENT_DIGEST = "Content-Digest";

	public static final String REPR_DIGEST = "Repr-Digest";

	public static final String WANT_REPR_DIGEST = "Want-Repr-Digest";

	/** RFC 9530 names to JDK names, strongest first. */
	private static final Map<String, String> ALGORITHMS = orderedAlgorithms();

	private DigestFields() {
	}

	/**
	 * The digests a {@code Content-Digest} or {@code Repr-Digest} field gives; empty without the
	 * field. Algorithms this gateway does not know are skipped, as RFC 9530 lets a recipient do.
	 * @throws org.springframework.web.ErrorResponseException 400 for a malformed field, or one
	 *         that names no algorithm the gateway can check
	 */
	public static List<Digest> parse(String name, String field) {
		List<Digest> digests = new ArrayList<>();
		if (field == null) {
			return digests;
		}
		for (String member : field.split(",")) {
			String[] pair = member.trim().split("=", 2);
			if (pair.length != 2 || !pair[1].startsWith(":") || !pair[1].endsWith(":") || pair[1].length() < 2) {
				throw GatewayProblems.badRequest(name + " must be a list of algorithm=:base64: digests (RFC 9530),"
						+ " such as sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
			}
			String algorithm = ALGORITHMS.get(pair[0].trim().toLowerCase(Locale.ROOT));
			if (algorithm == null) {
				continue;
			}
			try {
				String base64 = pair[1].substring(1, pair[1].length() - 1);
				digests.add(new Digest(algorithm, Base64.getDecoder().decode(base64)));
			}
			catch (IllegalArgumentException ex) {
				throw GatewayProblems.badRequest(name + " holds a digest that is not Base64");
			}
		}
		if (digests.isEmpty()) {
			throw GatewayProblems.badRequest(name + " names no algorithm this gateway checks; use one of "
					+ String.join(", ", ALGORITHMS.keySet()));
		}
		return digests;
	}

	/**
	 * The digests a request gives for its body: {@code Content-Digest} and {@code Repr-Digest}
	 * (the same bytes, since the gateway takes no content coding), both checked.
	 */
	public static List<Digest> requested(HttpServletRequest request) {
		List<Digest> digests = new ArrayList<>(parse(CONTENT_DIGEST, request.getHeader(CONTENT_DIGEST)));
		digests.addAll(parse(REPR_DIGEST, request.getHeader(REPR_DIGEST)));
		return digests;
	}

	/**
	 * The algorithms (JDK names) a {@code Want-Repr-Digest} field asks for, most wanted first;
	 * unknown ones and those with preference 0 left out, and an unparseable field read as none.
	 */
	public static List<String> wanted(String field) {
		if (field == null) {
			return List.of();
		}
		Map<String, Integer> preferences = new LinkedHashMap<>();
		for (String member : field.split(",")) {
			String[] pair = member.trim().split("=", 2);
			String algorithm = ALGORITHMS.get(pair[0].trim().toLowerCase(Locale.ROOT));
			int preference = (pair.length == 2) ? preference(pair[1].trim()) : 1;
			if (algorithm != null && preference > 0) {
				preferences.merge(algorithm, preference, Math::max);
			}
		}
		List<String> wanted = new ArrayList<>(preferences.keySet());
		// Stable: equal preferences keep the field's order.
		wanted.sort((first, second) -> preferences.get(second) - preferences.get(first));
		return wanted;
	}

	/** The field value of one digest, e.g. {@code sha-256=:47DEQ...=:}. */
	public static String format(Digest digest) {
		String name = ALGORITHMS.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(digest.algorithm()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no RFC 9530 name for " + digest.algorithm()));
		return name + "=:" + Base64.getEncoder().encodeToString(digest.value()) + ":";
	}

	private static int preference(String value) {
		try {
			int preference = Integer.parseInt(value);
			return (preference >= 0 && preference <= 10) ? preference : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Map<String, String> orderedAlgorithms() {
		Map<String, String> algorithms = new LinkedHashMap<>();
		algorithms.put("sha-512", "SHA-512");
		algorithms.put("sha-256", "SHA-256");
		algorithms.put("sha", "SHA-1");
		algorithms.put("md5", "MD5");
		return algorithms;
	}

}
