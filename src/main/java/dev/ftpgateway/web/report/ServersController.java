package dev.ftpgateway.web.report;

import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.ftpgateway.diagnose.ServerReport;
import dev.ftpgateway.diagnose.ServerReports;
import dev.ftpgateway.diagnose.ServerSummary;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The server reports: {@code GET /servers} lists the servers with their status, told from the
 * pools; {@code GET /servers/NAME} checks one on a new session and answers what it found. A
 * server that is down is still a report (200, {@code "status":"down"} and the failure): the
 * report worked, and what failed is its content; the files routes answer such a server with 502.
 * Reports are never cached: each is what the servers are now.
 */
@RestController
@Tag(name = "servers", description = "What each FTP server is, can do and answers now (needs the admin scope)")
public class ServersController {

	/** Where the reports are. */
	public static final String PATH = "/servers";

	/** How server names are spelled; only such a name from the path is repeated in a 404. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private final ServerReports reports;

	public ServersController(ServerReports reports) {
		this.reports = reports;
	}

	/** The servers list, wrapped so that it can grow other fields. */
	public record ServerList(List<ServerSummary> servers) {
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List the FTP servers with their status (up, down, unknown) from the pools")
	public ResponseEntity<ServerList> list() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ServerList(this.reports.list()));
	}

	@GetMapping(path = PATH + "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Check one FTP server on a new session and report what it can do")
	public ResponseEntity<ServerReport> report(@PathVariable String name) {
		ServerReport report = this.reports.check(name).orElseThrow(() -> notFound(name));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report);
	}

	private ErrorResponseException notFound(String name) {
		String named = NAME.matcher(name).matches() ? " named '" + name + "'" : " of that name";
		ErrorResponseException problem = GatewayProblems
			.notFound("No FTP server" + named + ": there are " + this.reports.names());
		problem.getBody().setProperty("servers", this.reports.names());
		return problem;
	}

}
