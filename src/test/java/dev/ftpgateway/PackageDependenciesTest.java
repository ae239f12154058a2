package dev.ftpgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps dependencies running one way, web -> files -> pool -> ftp, by reading the imports of the
 * main sources: the FTP client stays usable on its own with nothing but the JDK, the file
 * semantics know nothing of HTTP or Spring, and only {@code config} wires everything together.
 * Every package has a rule here, and every rule a package: a new package fails the test until it
 * gets one, and a rule whose package is gone fails it too.
 */
class PackageDependenciesTest {

	private static final Path SOURCES = Path.of("src/main/java/dev/ftpgateway");

	/** The imported name: a type, a static member, or a package for {@code .*}. */
	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);

	private static final String PROJECT = "dev.ftpgateway.";

	/** What each package (a folder below dev/ftpgateway, subpackages included unless listed too) may import. */
	private static final Map<String, Predicate<String>> RULES = Map.ofEntries(
			Map.entry("", projectNone().or(i -> i.startsWith("org.springframework.boot"))),
			Map.entry("ftp", jdk().or(project("ftp"))),
			Map.entry("ftp/listing", jdk()),
			Map.entry("pool", jdk().or(project("ftp")).or(i -> i.startsWith("org.apache.commons.pool2"))),
			Map.entry("files", jdk().or(project("ftp", "pool"))),
			// The server reports: FTP work over the client and the pools, with the running transfers; no Spring, no HTTP.
			Map.entry("diagnose", jdk().or(project("ftp", "pool", "transfers"))),
			Map.entry("web", projectNone().or(project("web", "files", "diagnose", "transfers")).or(ftpErrorsAndReplyCodes()).or(poolErrors())),
			Map.entry("security", projectNone().or(project("security", "files", "pool", "ftp"))),
			Map.entry("actuate", projectNone().or(project("pool", "ftp", "diagnose", "transfers"))),
			Map.entry("transfers", jdk()),
			Map.entry("embedded", projectNone()),
			Map.entry("config", i -> true));

	@Test
	void everyPackageHasARuleAndEveryRuleAPackage() {
		assertThat(packageFolders()).containsExactlyInAnyOrderElementsOf(RULES.keySet());
	}

	@Test
	void everyPackageImportsOnlyWhatItsRuleAllows() {
		for (Map.Entry<String, Predicate<String>> rule : RULES.entrySet()) {
			Predicate<String> ownNestedTypes = project(rule.getKey().replace('/', '.'));
			assertThat(importsOf(rule.getKey())).as("imports of package '%s'", rule.getKey())
				.isNotEmpty()
				.allMatch(rule.getValue().or(ownNestedTypes));
		}
	}

	@Test
	void noPackageOutsideConfigImportsConfig() {
		RULES.keySet()
			.stream()
			.filter(dir -> !dir.equals("config"))
			.forEach(dir -> assertThat(importsOf(dir)).as("imports of package '%s'", dir)
				.noneMatch(i -> i.startsWith(PROJECT + "config")));
	}

	@Test
	void theFtpClientAndTheFileSemanticsKnowNoSpringAndNoHttp() {
		for (String dir : List.of("ftp", "pool", "files", "diagnose", "transfers")) {
			assertThat(importsOf(dir)).as("imports of package '%s'", dir)
				.noneMatch(i -> i.startsWith("org.springframework") || i.startsWith("jakarta."));
		}
	}

	private static Predicate<String> jdk() {
		return i -> i.startsWith("java.") || i.startsWith("javax.");
	}

	/** Anything but the project's own packages. */
	private static Predicate<String> projectNone() {
		return i -> !i.startsWith(PROJECT);
	}

	private static Predicate<String> project(String... packages) {
		return i -> Stream.of(packages).anyMatch(p -> i.equals(PROJECT + p) || i.startsWith(PROJECT + p + "."));
	}

	/** The web layer maps FTP replies onto statuses: it may name them, never call the client. */
	private static Predicate<String> ftpErrorsAndReplyCodes() {
		return i -> i.equals(PROJECT + "ftp.ReplyCode") || i.matches(Pattern.quote(PROJECT + "ftp.") + "Ftp\\w*Exception");
	}

	/** The web layer answers an exhausted pool with 503: it may name the pool's errors, never borrow. */
	private static Predicate<String> poolErrors() {
		return i -> i.matches(Pattern.quote(PROJECT + "pool.") + "\\w+Exception");
	}

	/** The folders holding main sources, relative to dev/ftpgateway, each rule's subpackages folded into it. */
	private static Set<String> packageFolders() {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter(f -> f.toString().endsWith(".java"))
				.map(f -> SOURCES.relativize(f.getParent()).toString().replace('\\', '/'))
				.map(PackageDependenciesTest::ruleFor)
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String ruleFor(String folder) {
		String current = folder;
		while (!RULES.containsKey(current) && current.contains("/")) {
			current = current.substring(0, current.lastIndexOf('/'));
		}
		return RULES.containsKey(current) ? current : folder;
	}

	/** The imports of the files whose rule is {@code rule}. */
	private static List<String> importsOf(String rule) {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter(f -> f.toString().endsWith(".java"))
				.filter(f -> ruleFor(SOURCES.relativize(f.getParent()).toString().replace('\\', '/')).equals(rule))
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
