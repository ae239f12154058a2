package dev.ftpgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps dependencies running one way (web -> pool -> ftp, security -> pool -> ftp) by reading the imports of the main
 * sources: the FTP client must stay usable on its own, with nothing but the JDK.
 */
class PackageDependenciesTest {

	private static final Path SOURCES = Path.of("src/main/java/dev/ftpgateway");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

	@Test
	void ftpClientImportsNothingButTheJdkAndItsListingParsers() {
		assertThat(importsOf("ftp")).allMatch(i -> i.startsWith("java.") || i.startsWith("javax.")
				|| i.startsWith("dev.ftpgateway.ftp"));
	}

	@Test
	void listingParsersImportOnlyTheJdk() {
		assertThat(importsOf("ftp/listing")).allMatch(i -> i.startsWith("java."));
	}

	@Test
	void poolKnowsNothingOfSpringOrTheWebLayer() {
		assertThat(importsOf("pool")).noneMatch(i -> i.startsWith("org.springframework"))
			.noneMatch(i -> i.startsWith("dev.ftpgateway.web") || i.startsWith("dev.ftpgateway.config"));
	}

	@Test
	void webLayerGetsItsSettingsThroughConstructorsNotFromConfig() {
		assertThat(importsOf("web")).noneMatch(i -> i.startsWith("dev.ftpgateway.config"));
	}

	@Test
	void securityLayerBorrowsFromThePoolAndKnowsNothingOfTheWebLayerOrConfig() {
		assertThat(importsOf("security")).noneMatch(i -> i.startsWith("dev.ftpgateway.web")
				|| i.startsWith("dev.ftpgateway.config") || i.startsWith("dev.ftpgateway.embedded"));
	}

	@Test
	void webLayerKnowsNothingOfTheSecurityLayer() {
		assertThat(importsOf("web")).noneMatch(i -> i.startsWith("dev.ftpgateway.security"));
	}

	private static List<String> importsOf(String packageDir) {
		Path dir = SOURCES.resolve(packageDir);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(f -> f.toString().endsWith(".java"))
				.flatMap(PackageDependenciesTest::importsIn)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Stream<String> importsIn(Path file) {
		try {
			Matcher matcher = IMPORT.matcher(Files.readString(file));
			return matcher.results().map(r -> r.group(1)).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
