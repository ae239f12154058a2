package dev.ftpgateway.web.page;

import java.io.IOException;

/**
 * What every page of the gateway shares: the document head with the one style sheet and the one
 * script (files of the gateway, linked relatively, never inline, so the pages run under
 * {@link #CONTENT_SECURITY_POLICY}), and the dialog that takes an API key or token for the tab.
 */
final class PageLayout {

	/**
	 * Scripts and styles from the gateway's own files only, no inline ones, and requests to it
	 * alone: a name that slipped through escaping still could not run anything.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private PageLayout() {
	}

	/**
	 * Writes everything up to and including the opening {@code body} tag.
	 * @param title the page's title, unescaped
	 * @param depth how many levels below the gateway's root the page is ({@link Links#depth})
	 * @param bodyAttributes the body's attributes, already escaped, with a leading space each
	 */
	static void head(Appendable out, String title, int depth, String bodyAttributes) throws IOException {
		String assets = Links.up(depth) + "assets/";
		out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>")
			.append(Html.escape(title))
			.append(" - ftp-gateway</title>\n")
			.append("<link rel=\"stylesheet\" href=\"")
			.append(assets)
			.append("folder-page.css\">\n")
			.append("<script src=\"")
			.append(assets)
			.append("folder-page.js\" defer></script>\n")
			.append("</head>\n<body")
			.append(bodyAttributes)
			.append(">\n");
	}

	/**
	 * The sign-in and sign-out buttons (the script shows the one that applies) and the dialog
	 * that takes an API key or bearer token, which the script keeps in the tab's sessionStorage.
	 */
	static void account(Appendable out) throws IOException {
		out.append("<div class=\"account\">")
			.append("<button type=\"button\" id=\"sign-in\" hidden>Use an API key or token</button>")
			.append("<button type=\"button\" id=\"sign-out\" hidden>Forget the key</button>")
			.append("</div>\n")
			.append("<dialog id=\"credential-dialog\"><form method=\"dialog\">")
			.append("<p><label for=\"credential\">API key or bearer token, kept in this tab only</label></p>")
			.append("<p><input type=\"password\" id=\"credential\" autocomplete=\"off\" spellcheck=\"false\"></p>")
			.append("<p><button value=\"use\">Use in this tab</button> <button value=\"cancel\">Cancel</button></p>")
			.append("</form></dialog>\n");
	}

	static void end(Appendable out) throws IOException {
		out.append("</body>\n</html>\n");
	}

}
