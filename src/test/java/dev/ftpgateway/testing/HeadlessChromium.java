package dev.ftpgateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium through chromedriver for the browser tests, with a fresh profile that is
 * deleted on {@link #close()}. Where no Chromium and chromedriver are on the PATH the calling
 * test is skipped (a JUnit assumption): CI installs them (.ci/run), a developer machine may not.
 */
public final class HeadlessChromium implements AutoCloseable {

	/** How long a page load, a script or a wait for the page may take. */
	public static final Duration WAIT = Duration.ofSeconds(20);

	private final Path profile;

	private final WebDriver driver;

	private HeadlessChromium(Path profile, WebDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	/** Starts Chromium, or skips the test when it or chromedriver is not installed. */
	public static HeadlessChromium start() throws IOException {
		Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
		Optional<Path> chromedriver = executable("chromedriver");
		assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "no chromium and chromedriver on PATH");
		Path profile = Files.createTempDirectory("ftp-gateway-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.get().toFile());
		// Runs as root in CI; the rest keeps Chromium off a network it cannot reach anyway.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1200,800", "--user-data-dir=" + profile);
		options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromedriver.get().toFile())
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
		return new HeadlessChromium(profile, driver);
	}

	public WebDriver driver() {
		return this.driver;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

	private static Optional<Path> executable(String... names) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(names)
			.flatMap((name) -> Stream.of(path.split(File.pathSeparator)).map((dir) -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
