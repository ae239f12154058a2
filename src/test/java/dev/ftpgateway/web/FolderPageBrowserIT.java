package dev.ftpgateway.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.ftpgateway.testing.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The folder page in a real browser: headless Chromium driven through Selenium opens a folder,
 * sorts it, uploads two files through the file input, renames one and deletes the other, as a
 * person would. Skipped where no Chromium and chromedriver are installed (CI installs them);
 * the screenshot it takes is kept in {@code target/browser/}.
 */
class FolderPageBrowserIT extends GatewayTestSupport {

	private static final Duration WAIT = HeadlessChromium.WAIT;

	private static final Path SCREENSHOTS = Path.of("target", "browser");

	private static HeadlessChromium chromium;

	private static WebDriver browser;

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
	}

	@Test
	void aPersonBrowsesSortsUploadsRenamesAndDeletes() throws Exception {
		Files.writeString(this.folder.resolve("small.txt"), "s");
		Files.writeString(this.folder.resolve("large.txt"), "l".repeat(5000));
		Files.createDirectory(this.folder.resolve("reports"));
		browser.get(uri(this.base + "/").toString());
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html.js")));
		// The server's order, with the folder moved ahead of the files by the script.
		assertThat(names()).first().isEqualTo("reports");
		assertThat(names()).containsExactlyInAnyOrder("reports", "small.txt", "large.txt");

		browser.findElement(By.linkText("Size")).click();
		wait(ExpectedConditions.urlContains("sort=size&order=asc"));
		assertThat(names()).containsExactly("reports", "small.txt", "large.txt");
		browser.findElement(By.linkText("Size")).click();
		wait(ExpectedConditions.urlContains("order=desc"));
		assertThat(names()).containsExactly("reports", "large.txt", "small.txt");

		Path first = Files.writeString(Files.createTempDirectory("upload").resolve("first upload.txt"), "first");
		Path second = Files.writeString(first.resolveSibling("second #2.txt"), "second \u00fc", StandardCharsets.UTF_8);
		browser.findElement(By.id("files")).sendKeys(first + "\n" + second);
		wait((driver) -> names().containsAll(List.of("first upload.txt", "second #2.txt")));
		assertThat(Files.readString(this.folder.resolve("first upload.txt"))).isEqualTo("first");
		assertThat(Files.readString(this.folder.resolve("second #2.txt"), StandardCharsets.UTF_8)).isEqualTo("second \u00fc");
		assertThat(browser.findElements(By.cssSelector("#transfers output"))).extracting(WebElement::getText)
			.containsExactly("done", "done");
		screenshot("folder-page.png");

		action("first upload.txt", "move").click();
		Alert rename = wait(ExpectedConditions.alertIsPresent());
		rename.sendKeys(this.base.substring("/files".length()) + "/renamed.txt");
		rename.accept();
		wait((driver) -> names().contains("renamed.txt") && !names().contains("first upload.txt"));
		assertThat(Files.readString(this.folder.resolve("renamed.txt"))).isEqualTo("first");

		action("second #2.txt", "delete").click();
		wait(ExpectedConditions.alertIsPresent()).accept();
		wait((driver) -> !names().contains("second #2.txt"));
		assertThat(this.folder.resolve("second #2.txt")).doesNotExist();
		awaitNoActiveSessions();
	}

	@Test
	void swaggerUiTriesNestedPathsWithTheirSlashes() throws Exception {
		Files.writeString(this.folder.resolve("nested.txt"), "nested");
		browser.get(uri("/swagger-ui/index.html").toString());
		wait((driver) -> script("return Boolean(window.ui && window.ui.getConfigs().requestInterceptor)"));
		String sent = (String) ((JavascriptExecutor) browser).executeScript(
				"return window.ui.getConfigs().requestInterceptor({ url: arguments[0] }).url",
				uri("/files/" + this.base.substring("/files/".length()) + "%2Fnested.txt").toString());
		assertThat(sent).isEqualTo(uri(this.base + "/nested.txt").toString());
		assertThat(get(this.base + "/nested.txt").body()).isEqualTo("nested");
	}

	/** The rows' names, read in one script call: the page swaps its listing after each change. */
	@SuppressWarnings("unchecked")
	private static List<String> names() {
		return (List<String>) ((JavascriptExecutor) browser).executeScript(
				"return Array.from(document.querySelectorAll('#listing tbody tr[data-name]'), (row) => row.dataset.name)");
	}

	private WebElement action(String name, String action) {
		return browser.findElements(By.cssSelector("#listing tbody tr[data-name]"))
			.stream()
			.filter((row) -> name.equals(row.getAttribute("data-name")))
			.findFirst()
			.orElseThrow()
			.findElement(By.cssSelector("button[data-action='" + action + "']"));
	}

	private static boolean script(String code) {
		return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(code));
	}

	private static <T> T wait(Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
	}

	private static void screenshot(String name) throws Exception {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
