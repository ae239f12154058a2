package dev.ftpgateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.ftpgateway.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key in a real browser: headless Chromium meets the sign-in page, the key typed into it
 * is kept in the tab's sessionStorage and sent by the page's script to list, enter folders and
 * upload, and forgetting it brings the sign-in page back. API keys only: with pass-through on,
 * the 401 also asks for Basic credentials, and headless Chromium waits for a login dialog
 * nobody can answer (a person cancels it and sees the same sign-in page). A share link made with
 * the key opens its folder in the browser with no credentials at all. Skipped without Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class BrowserSignInIT {

	private static final String KEY = "browser-key-0123456789";

	private static final Path HOME = createHome();

	private static HeadlessChromium chromium;

	private static WebDriver browser;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void embeddedFolderAndKey(DynamicPropertyRegistry registry) {
		registry.add("ftp-gateway.embedded.folder", HOME::toString);
		// One source for the whole list: Boot takes an indexed list from a single property source.
		registry.add("ftp-gateway.security.api-keys[0].name", () -> "browser");
		registry.add("ftp-gateway.security.api-keys[0].hash", () -> ApiKeyHash.of(KEY));
		registry.add("ftp-gateway.security.api-keys[0].scopes", () -> "read,write,share");
		registry.add("ftp-gateway.shares.secret", () -> ShareLinksIT.SECRET);
	}

	@BeforeAll
	static void startChromium() throws Exception {
		chromium = HeadlessChromium.start();
		browser = chromium.driver();
	}

	@AfterAll
	static void stopChromium() throws Exception {
		if (chromium != null) {
			chromium.close();
		}
		FileSystemUtils.deleteRecursively(HOME);
	}

	@Test
	void anApiKeyTypedIntoThePageIsUsedByItsScriptForThisTab() throws Exception {
		Files.createDirectories(HOME.resolve("signed/inner"));
		Files.writeString(HOME.resolve("signed/inner/deep.txt"), "deep");
		browser.get("http://127.0.0.1:" + this.port + "/files/signed/");
		wait(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();
		browser.findElement(By.id("credential")).sendKeys(KEY);
		browser.findElement(By.cssSelector("#credential-dialog button[value='use']")).click();
		wait((driver) -> names().contains("inner"));
		assertThat(script("return sessionStorage.getItem('ftp-gateway.credential')")).isEqualTo(KEY);

		browser.findElement(By.linkText("inner/")).click();
		wait((driver) -> names().contains("deep.txt"));
		assertThat(browser.getCurrentUrl()).endsWith("/files/signed/inner/");

		Path upload = Files.writeString(Files.createTempDirectory("upload").resolve("keyed.txt"), "with a key");
		browser.findElement(By.id("files")).sendKeys(upload.toString());
		wait((driver) -> names().contains("keyed.txt"));
		assertThat(Files.readString(HOME.resolve("signed/inner/keyed.txt"))).isEqualTo("with a key");

		browser.findElement(By.id("sign-out")).click();
		wait(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(names()).isEmpty();
	}

	@Test
	void aShareLinkOpensItsFolderInTheBrowserWithNoCredentialsAndItsLinksKeepWorking() throws Exception {
		Files.createDirectories(HOME.resolve("shared/inner"));
		Files.writeString(HOME.resolve("shared/inner/note.txt"), "a shared note");
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/shares"))
				.header("X-API-Key", KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"path\": \"/shared/\", \"access\": \"read\", \"expiresIn\": \"PT10M\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		String link = JsonMapper.builder().build().readTree(created.body()).get("url").asString();
		browser.get("http://127.0.0.1:" + this.port + "/files/");
		script("sessionStorage.clear()");
		browser.get(link);
		wait((driver) -> names().contains("inner"));
		browser.findElement(By.linkText("inner/")).click();
		wait((driver) -> names().contains("note.txt"));
		assertThat(browser.getCurrentUrl()).contains("/files/shared/inner/?share=");
		browser.get(browser.findElement(By.linkText("note.txt")).getAttribute("href"));
		wait((driver) -> driver.getPageSource().contains("a shared note"));
	}

	private static Path createHome() {
		try {
			return Files.createTempDirectory("ftp-gateway-sign-in");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<String> names() {
		return (List<String>) script(
				"return Array.from(document.querySelectorAll('#listing tbody tr[data-name]'), (row) => row.dataset.name)");
	}

	private static Object script(String code) {
		return ((JavascriptExecutor) browser).executeScript(code);
	}

	private static <T> T wait(Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, HeadlessChromium.WAIT).ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

}
