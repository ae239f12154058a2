package dev.ftpgateway.web.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.ftpgateway.web.FilesRoute;

/**
 * Answers a browser's page request that needs credentials with a page instead of a problem: the
 * same 401 and {@code WWW-Authenticate} challenges as {@code problems} writes (so a browser asks
 * for a pass-through user's FTP login itself), with an HTML body whose script takes an API key or
 * bearer token for the tab and loads the page with it. Every other request, and every other
 * answer of {@code problems} (429, 502, 503), is left as {@code problems} writes it.
 */
public final class SignInPage implements AuthenticationEntryPoint {

	private final AuthenticationEntryPoint problems;

	public SignInPage(AuthenticationEntryPoint problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException, ServletException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean page = "GET".equals(request.getMethod()) && FilesRoute.of(request).isPresent()
				&& HtmlNegotiation.prefersHtml(request.getHeader(HttpHeaders.ACCEPT));
		if (!page) {
			this.problems.commence(request, response, ex);
			return;
		}
		BufferedResponse problem = new BufferedResponse(response);
		this.problems.commence(request, problem, ex);
		if (response.getStatus() != HttpStatus.UNAUTHORIZED.value()) {
			response.getOutputStream().write(problem.body.toByteArray());
			return;
		}
		FolderPages.headers(response);
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		write(out, Links.depth(path), response.getHeaders(HttpHeaders.WWW_AUTHENTICATE));
		out.flush();
	}

	private static void write(Writer out, int depth, Collection<String> challenges) throws IOException {
		boolean basic = challenges.stream().anyMatch((challenge) -> challenge.startsWith("Basic"));
		boolean bearer = challenges.stream().anyMatch((challenge) -> challenge.startsWith("Bearer"));
		PageLayout.head(out, "Sign in", depth, " data-signed-in=\"false\" data-offer-sign-in=\"" + bearer + "\"");
		out.append("<header>\n<h1>Sign in</h1>\n");
		PageLayout.account(out);
		out.append("</header>\n<main id=\"listing\">\n<p id=\"status\" role=\"status\"></p>\n");
		if (basic) {
			out.append("<p>This gateway takes your FTP user name and password: ")
				.append("reload the page and your browser asks for them.</p>\n");
		}
		if (bearer) {
			out.append("<p>With an API key or a bearer token, choose <em>Use an API key or token</em>. ")
				.append("The page keeps it in this tab only and sends it with each request.</p>\n");
		}
		out.append("</main>\n");
		PageLayout.end(out);
	}

	/** The response with its body kept aside: status and headers go through. */
	private static final class BufferedResponse extends HttpServletResponseWrapper {

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private final ServletOutputStream stream = new ServletOutputStream() {

			@Override
			public void write(int b) {
				BufferedResponse.this.body.write(b);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				BufferedResponse.this.body.write(bytes, offset, length);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
				throw new UnsupportedOperationException("A buffered problem body is written synchronously");
			}

		};

		BufferedResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() {
			return new PrintWriter(new OutputStreamWriter(this.stream, StandardCharsets.UTF_8), true);
		}

	}

}
