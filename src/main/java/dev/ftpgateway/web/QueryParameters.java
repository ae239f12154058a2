package dev.ftpgateway.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.ftpgateway.files.InvalidRemotePathException;
import dev.ftpgateway.files.RemotePath;

/**
 * A request whose parameters come from its query string only, decoded strictly as UTF-8. The
 * API takes no parameter from a body: a form body that could otherwise set {@code moveTo} or
 * {@code mkdirs} is ignored (browsers send forms to other origins without asking first), and an
 * upload's body, whatever its Content-Type, stays the upload's bytes instead of being read as
 * form fields.
 */
final class QueryParameters extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	private QueryParameters(HttpServletRequest request, Map<String, String[]> parameters) {
		super(request);
		this.parameters = parameters;
	}

	/**
	 * Wraps {@code request}.
	 * @throws ErrorResponseException 400 when the query string is not valid percent-encoded UTF-8
	 */
	static QueryParameters of(HttpServletRequest request) {
		return new QueryParameters(request, parse(request.getQueryString()));
	}

	private static Map<String, String[]> parse(String query) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = decode((equals < 0) ? pair : pair.substring(0, equals));
				String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
				values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		return Collections.unmodifiableMap(parameters);
	}

	/** Form encoding: {@code +} is a space, {@code %2B} a plus. */
	private static String decode(String raw) {
		try {
			return RemotePath.decode(raw.replace('+', ' '));
		}
		catch (InvalidRemotePathException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The query string is not valid: " + ex.getMessage());
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values.clone() : null;
	}

}
