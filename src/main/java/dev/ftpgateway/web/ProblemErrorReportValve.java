package dev.ftpgateway.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Renders the errors Tomcat raises before a request reaches Spring (a URI it cannot decode or
 * normalise, such as {@code /files/%C3%28} or {@code /files/../../etc}) as problem+json
 * instead of Tomcat's HTML page, so every error of the gateway has the same shape.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// Anything Spring answered already has a body; only bare container errors are left here.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/problem+json");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\""
						+ ((status == 400) ? "Bad Request" : "Error") + "\",\"detail\":\""
						+ "The request was rejected before reaching the gateway (invalid or unsafe URI)\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is already committed: nothing more can be sent.
		}
	}

}
