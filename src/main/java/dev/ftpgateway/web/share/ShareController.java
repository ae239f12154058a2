package dev.ftpgateway.web.share;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.ftpgateway.files.RemotePath;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * Makes share links: {@code POST /shares} with a path, an access and a lifetime answers 201 with
 * an absolute {@code /files} URL carrying the signed link in its {@code share} parameter, the
 * one the security layer checks. Links are not stored anywhere, so there is nothing to list or
 * revoke one by one: they end when they expire, or all at once when the secret changes.
 */
@RestController
@RequestMapping(ShareController.PATH)
@Tag(name = "shares", description = "Signed links to a file or folder that work without other credentials")
public class ShareController {

	static final String PATH = "/shares";

	/** The query parameter the security layer reads a link's token from. */
	public static final String PARAMETER = "share";

	private static final String FILES = "/files";

	/** A link may not end in the same second it is made: its expiry has whole seconds. */
	private static final Duration SHORTEST = Duration.ofSeconds(1);

	private final ObjectProvider<ShareSigner> signer;

	private final ShareSettings settings;

	public ShareController(ObjectProvider<ShareSigner> signer, ShareSettings settings) {
		this.signer = signer;
		this.settings = settings;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Make a share link to a file or folder",
			description = "Needs the share scope and the scope the link grants (read or write). A read link downloads "
					+ "the file (Range, HEAD and conditionals as usual), or lists the folder and everything below it "
					+ "when the path ends in /; a write link uploads the file with one PUT and never replaces an "
					+ "existing file. The link works without other credentials until it expires.")
	@ApiResponse(responseCode = "201", description = "The link",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ShareLink.class)))
	@ApiResponse(responseCode = "400", description = "Missing or invalid path, access or expiresIn, or a lifetime over the maximum",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The caller lacks the share scope or the scope the link would grant",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "Share links are off on this gateway",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	public ResponseEntity<ShareLink> create(@RequestBody ShareRequest body, HttpServletRequest request) {
		ShareSigner signer = this.signer.getIfAvailable();
		if (signer == null) {
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"Share links are off on this gateway: ftp-gateway.shares.secret is not set"), null);
		}
		if (body.path() == null || body.access() == null || body.expiresIn() == null) {
			throw GatewayProblems.badRequest("path, access and expiresIn are required, e.g. "
					+ "{\"path\": \"/reports/q3.pdf\", \"access\": \"read\", \"expiresIn\": \"PT1H\"}");
		}
		RemotePath path = RemotePath.ofDecoded(body.path());
		ShareAccess access = ShareAccess.of(body.access());
		if (access == ShareAccess.WRITE && path.hasTrailingSlash()) {
			throw GatewayProblems.badRequest("A write link uploads one file: its path must name a file, not end in /");
		}
		ShareSigner.SignedShare signed = signer.sign(path, access, lifetime(body.expiresIn()));
		return ResponseEntity.status(HttpStatus.CREATED)
			// The body is a credential: no cache keeps it.
			.cacheControl(CacheControl.noStore())
			.body(new ShareLink(url(path, signed.token(), request), signed.expiresAt().toString()));
	}

	private Duration lifetime(String expiresIn) {
		Duration lifetime;
		try {
			lifetime = Duration.parse(expiresIn);
		}
		catch (DateTimeParseException ex) {
			throw GatewayProblems.badRequest("expiresIn must be an ISO-8601 duration such as PT1H, PT30M or P7D");
		}
		if (lifetime.compareTo(SHORTEST) < 0) {
			throw GatewayProblems.badRequest("expiresIn must be at least one second");
		}
		if (lifetime.compareTo(this.settings.maxExpiresIn()) > 0) {
			throw GatewayProblems.badRequest("expiresIn is longer than the longest lifetime this gateway gives a link, "
					+ this.settings.maxExpiresIn() + " (ftp-gateway.shares.max-expires-in)");
		}
		return lifetime;
	}

	/** The link: the public URL (or the request's scheme, host and port), the file's URL below it, and the token. */
	private String url(RemotePath path, String token, HttpServletRequest request) {
		String base = (this.settings.publicUrl() != null) ? this.settings.publicUrl().toString()
				: ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
		StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		url.append(FILES);
		for (String segment : path.segments()) {
			url.append('/');
			encode(segment, url);
		}
		if (path.hasTrailingSlash()) {
			url.append('/');
		}
		return url.append('?').append(PARAMETER).append('=').append(token).toString();
	}

	/**
	 * Percent-encodes every byte but RFC 3986's unreserved characters: a {@code ;} too, which a
	 * path segment may hold but the gateway's firewall refuses unencoded.
	 */
	private static void encode(String segment, StringBuilder url) {
		for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				url.append(c);
			}
			else {
				url.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
	}

}
