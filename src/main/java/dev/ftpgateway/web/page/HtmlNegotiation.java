package dev.ftpgateway.web.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a request asks for an HTML page rather than the API's JSON: only when it names
 * {@code text/html} (or XHTML) itself, ahead of JSON and plain text, as browsers do. A wildcard
 * ({@code *}{@code /*}, what curl and wget send) or no {@code Accept} at all keeps the JSON.
 */
public final class HtmlNegotiation {

	private static final MediaType XHTML = MediaType.APPLICATION_XHTML_XML;

	private HtmlNegotiation() {
	}

	public static boolean prefersHtml(String accept) {
		if (accept == null) {
			return false;
		}
		List<MediaType> types;
		try {
			types = new ArrayList<>(MediaType.parseMediaTypes(accept));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		// Stable: among equal qualities the client's own order decides.
		types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : types) {
			if (type.getQualityValue() == 0) {
				return false;
			}
			if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML) || type.equalsTypeAndSubtype(XHTML)) {
				return true;
			}
			if (type.includes(MediaType.APPLICATION_JSON) || type.includes(MediaType.TEXT_PLAIN)) {
				return false;
			}
		}
		return false;
	}

}
