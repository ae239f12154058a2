package dev.ftpgateway.files;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path below the gateway's remote root, taken from the raw (still percent-encoded) request
 * URI: decoded exactly once, normalised, and checked before any FTP command is built from it.
 * <p>
 * Every FTP command is sent with the absolute path from {@link #under(String)}, so pooled
 * sessions never depend on a working directory left behind by an earlier request.
 */
public final class RemotePath {

	/** Longer paths are refused: no server we know of accepts them and they only cost memory. */
	static final int MAX_LENGTH = 4096;

	/**
	 * Longer names are refused before the server sees them: 255 bytes is NAME_MAX on Linux, the
	 * BSDs and NTFS (in UTF-16 units there), so no server we front stores a longer one.
	 */
	static final int MAX_NAME_BYTES = 255;

	/**
	 * A percent-encoded dot, slash, backslash or control character left after the one decoding
	 * pass: the path was encoded twice, to slip a {@code ..} or a separator past a check that
	 * decodes once. A literal {@code %20} or {@code %25} in a name stays allowed.
	 */
	private static final Pattern DOUBLE_ENCODED = Pattern.compile("%(2[eEfF]|5[cC]|[01][0-9a-fA-F]|7[fF])");

	private static final RemotePath ROOT = new RemotePath(List.of(), true);

	private final List<String> segments;

	private final boolean trailingSlash;

	private RemotePath(List<String> segments, boolean trailingSlash) {
		this.segments = List.copyOf(segments);
		this.trailingSlash = trailingSlash;
	}

	/** The root folder itself. */
	public static RemotePath root() {
		return ROOT;
	}

	/**
	 * Decodes and normalises a raw URI path such as {@code /docs/a%20b.txt}.
	 * @throws InvalidRemotePathException for bad percent-encoding, bytes that are not UTF-8
	 *         (overlong forms included), control characters, backslash, double encoding, an
	 *         over-long path or name, or {@code ..} climbing above the root
	 */
	public static RemotePath parse(String rawPath) {
		return ofDecoded(decode(rawPath));
	}

	/**
	 * Normalises a path the servlet container already decoded, such as a query parameter value,
	 * applying the same checks as {@link #parse(String)} without decoding a second time.
	 * @throws InvalidRemotePathException as for {@link #parse(String)}, except for encoding errors
	 */
	public static RemotePath ofDecoded(String decoded) {
		if (decoded.length() > MAX_LENGTH) {
			throw new InvalidRemotePathException("path is longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			// CR and LF would end the FTP command line and let the rest be read as a new command;
			// NUL ends C strings in the server; no other control character belongs in a name.
			if (Character.isISOControl(c)) {
				throw new InvalidRemotePathException("path contains a control character (such as CR, LF or NUL)");
			}
			// IIS and other Windows servers treat a backslash as a separator, so "a\..\.." would
			// climb out of the root behind our back.
			if (c == '\\') {
				throw new InvalidRemotePathException("path contains a backslash");
			}
		}
		if (DOUBLE_ENCODED.matcher(decoded).find()) {
			throw new InvalidRemotePathException("path is percent-encoded twice");
		}
		List<String> segments = new ArrayList<>();
		for (String segment : decoded.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".")) {
				continue;
			}
			if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
				throw new InvalidRemotePathException("a name is longer than " + MAX_NAME_BYTES + " bytes");
			}
			if (segment.equals("..")) {
				if (segments.isEmpty()) {
					throw new InvalidRemotePathException("path climbs above the root folder");
				}
				segments.remove(segments.size() - 1);
				continue;
			}
			segments.add(segment);
		}
		boolean trailingSlash = decoded.isEmpty() || decoded.endsWith("/") || decoded.endsWith("/.")
				|| decoded.endsWith("/..") || decoded.equals(".") || decoded.equals("..");
		return segments.isEmpty() ? ROOT : new RemotePath(segments, trailingSlash);
	}

	/**
	 * Decodes percent-encoding once, strictly: the bytes must be UTF-8 in its shortest form, so an
	 * overlong encoding of a dot or slash never decodes into one.
	 * @throws InvalidRemotePathException for a bad or incomplete escape, or bytes that are not UTF-8
	 */
	public static String decode(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c != '%') {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
				continue;
			}
			if (i + 2 >= raw.length()) {
				throw new InvalidRemotePathException("incomplete percent-encoding at the end");
			}
			int high = Character.digit(raw.charAt(i + 1), 16);
			int low = Character.digit(raw.charAt(i + 2), 16);
			if (high < 0 || low < 0) {
				throw new InvalidRemotePathException("invalid percent-encoding '" + raw.substring(i, i + 3) + "'");
			}
			bytes.write((high << 4) | low);
			i += 2;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidRemotePathException("percent-encoded bytes are not valid UTF-8");
		}
	}

	/**
	 * The absolute FTP path of this path below {@code root}, e.g. {@code /srv/data/a/b.txt}.
	 * The root itself is returned unchanged (a trailing slash removed unless it is {@code /}).
	 */
	public String under(String root) {
		String base = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
		if (this.segments.isEmpty()) {
			return base;
		}
		return (base.equals("/") ? "" : base) + "/" + String.join("/", this.segments);
	}

	/** Whether this is the root folder. */
	public boolean isRoot() {
		return this.segments.isEmpty();
	}

	/** Whether the request named the path with a trailing slash (a folder, as the caller sees it). */
	public boolean hasTrailingSlash() {
		return this.trailingSlash;
	}

	/** The last segment, or {@code ""} for the root. */
	public String name() {
		return this.segments.isEmpty() ? "" : this.segments.get(this.segments.size() - 1);
	}

	/** The folder holding this path; the root is its own parent. */
	public RemotePath parent() {
		if (this.segments.size() <= 1) {
			return ROOT;
		}
		return new RemotePath(this.segments.subList(0, this.segments.size() - 1), true);
	}

	/** This path followed by one more segment (which must not contain a slash). */
	public RemotePath resolve(String name) {
		if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
			throw new IllegalArgumentException("not a single path segment: '" + name + "'");
		}
		List<String> longer = new ArrayList<>(this.segments);
		longer.add(name);
		return new RemotePath(longer, false);
	}

	/** The path segments, outermost first; empty for the root. */
	public List<String> segments() {
		return this.segments;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RemotePath that && this.segments.equals(that.segments);
	}

	@Override
	public int hashCode() {
		return this.segments.hashCode();
	}

	/** The decoded path with a leading slash, e.g. {@code /docs/a b.txt}. */
	@Override
	public String toString() {
		return "/" + String.join("/", this.segments);
	}

}
