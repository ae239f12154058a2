package dev.ftpgateway.web;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiIT extends GatewayTestSupport {

	@Test
	void apiDocsDescribeEveryFilesOperationAndItsProblems() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		assertStatus(docs, 200);
		assertThat(docs.body()).contains("\"/files/{path}\"", "\"get\"", "\"head\"", "\"put\"", "\"delete\"", "\"post\"",
				"moveTo", "recursive", "mkdirs", "append", "Range", "If-None-Match", "application/problem+json",
				"\"format\":\"binary\"", "\"416\"", "\"507\"", "\"503\"", "text/html", "\"sort\"", "\"order\"",
				"\"download\"");
		assertThat(docs.body()).as("archives and resumable uploads").contains("\"archive\"", "\"/uploads/{id}\"");
	}

	@Test
	void swaggerUiSendsNestedPathsWithTheirSlashes() throws Exception {
		HttpResponse<String> initializer = get("/swagger-ui/swagger-initializer.js");
		assertStatus(initializer, 200);
		assertThat(initializer.body()).contains("requestInterceptor", "'/files/'", "replace(/%2F/gi, '/')",
				"presets: [");
	}

	@Test
	void thePathParameterIsATypedString() throws Exception {
		assertThat(get("/v3/api-docs").body())
			.containsPattern("\\{\"name\":\"path\",\"in\":\"path\"[^}]*\"schema\":\\{\"type\":\"string\"");
	}

	@Test
	void swaggerUiIsServed() throws Exception {
		HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		HttpResponse<String> ui = following.send(request("/swagger-ui.html").build(), HttpResponse.BodyHandlers.ofString());
		assertStatus(ui, 200);
		assertThat(ui.body()).containsIgnoringCase("swagger");
	}

}
