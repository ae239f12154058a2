package dev.ftpgateway.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Dockerfile's invariants by reading it, since no Docker engine runs where the tests
 * do: stages, pinned base images, a non-root runtime on a JRE, the layered copy, and no secrets.
 */
class DockerfileTest {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path DOCKERIGNORE = Path.of(".dockerignore");

	/** Spring Boot's layers, from least to most often changed: the order the COPYs must keep. */
	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?$");

	private static final Pattern SECRET_ASSIGNMENT = Pattern
		.compile("(?i)(PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY)[A-Z_]*\\s*=\\s*\"?[^\"\\s]+");

	private static final Pattern SECRET_FILE = Pattern
		.compile("(?i)(^|[\\s/])(\\.env|id_rsa\\S*|\\S+\\.pem|\\S+\\.key|\\S+\\.p12|\\S+\\.jks|settings\\.xml|\\.npmrc|\\.netrc)(\\s|$)");

	private final List<Stage> stages = stages(instructions());

	@Test
	void buildsInAtLeastTwoStages() {
		assertThat(this.stages).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void buildStageUsesATemurinJdkAndTheMavenWrapper() {
		Stage build = this.stages.get(0);
		assertThat(build.image()).startsWith("eclipse-temurin:").contains("-jdk");
		assertThat(build.instructions()).anyMatch((line) -> line.startsWith("RUN") && line.contains("./mvnw"));
	}

	@Test
	void finalStageRunsOnATemurinJreOfJava21OrLater() {
		String image = finalStage().image();
		assertThat(image).startsWith("eclipse-temurin:").contains("-jre");
		// Virtual threads (SPRING_THREADS_VIRTUAL_ENABLED) need Java 21.
		int major = Integer.parseInt(tag(image).replaceFirst("^(\\d+).*", "$1"));
		assertThat(major).isGreaterThanOrEqualTo(21);
		assertThat(finalStage().instructions()).anyMatch((line) -> line.startsWith("ENV")
				&& line.contains("SPRING_THREADS_VIRTUAL_ENABLED=true"));
	}

	@Test
	void everyBaseImageIsPinnedToAVersion() {
		Set<String> stageNames = this.stages.stream().map(Stage::name).collect(Collectors.toSet());
		for (Stage stage : this.stages) {
			if (stageNames.contains(stage.image())) {
				continue;
			}
			String tag = tag(stage.image());
			assertThat(tag).as("tag of %s", stage.image()).isNotEmpty().isNotEqualToIgnoringCase("latest");
			// A version number such as 21.0.8_9, not a floating name such as "jre" or "lts".
			assertThat(tag).as("tag of %s", stage.image()).matches("\\d+(\\.\\d+)+[_+.]\\d+.*|sha256:.*");
		}
	}

	@Test
	void finalStageRunsAsANumericNonRootUser() {
		List<String> users = finalStage().arguments("USER");
		assertThat(users).isNotEmpty();
		String user = users.get(users.size() - 1);
		assertThat(user).matches("\\d+(:\\d+)?");
		assertThat(user.split(":")[0]).isNotEqualTo("0");
		// The user must be in charge when the entrypoint starts, not switched back before it.
		List<String> lines = finalStage().instructions();
		assertThat(lastIndexOf(lines, "USER")).isLessThan(lastIndexOf(lines, "ENTRYPOINT"));
	}

	@Test
	void finalStageCopiesTheFourLayersSeparatelyInCacheFriendlyOrder() {
		List<String> copies = finalStage().arguments("COPY");
		List<String> layerCopies = new ArrayList<>();
		for (String copy : copies) {
			assertThat(copy).as("the final stage copies only from the build stage").startsWith("--from=");
			for (String layer : LAYERS) {
				if (copy.matches(".*/" + Pattern.quote(layer) + "/?\\s+\\S+$")) {
					layerCopies.add(layer);
				}
			}
		}
		assertThat(layerCopies).containsExactlyElementsOf(LAYERS);
		assertThat(copies).hasSize(LAYERS.size());
		assertThat(this.stages.get(0).instructions()).anyMatch((line) -> line.startsWith("RUN")
				&& line.contains("-Djarmode=tools") && line.contains("extract") && line.contains("--layers"));
	}

	@Test
	void finalStageHasNoBuildToolsOrSources() {
		for (String line : finalStage().instructions()) {
			assertThat(line).doesNotContain("mvnw").doesNotContain("src/").doesNotContain("pom.xml");
			assertThat(line).doesNotStartWith("ADD");
		}
	}

	@Test
	void jarCopiedOutOfTargetIsTheOneThePomBuilds() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		assertThat(pom).contains("<artifactId>ftp-gateway</artifactId>");
		assertThat(String.join("\n", this.stages.get(0).instructions())).contains("target/ftp-gateway-*.jar");
	}

	@Test
	void jarCopiedOutOfTargetIsTheApplicationNotTheClientLibraryBesideIt() throws IOException {
		assertThat(Files.readString(Path.of("pom.xml"))).contains("<classifier>ftp-client</classifier>");
		assertThat(String.join("\n", this.stages.get(0).instructions())).contains("grep -v -- '-ftp-client\\.jar$'");
	}

	@Test
	void runtimeSizesTheHeapFromTheContainerLimit() {
		assertThat(finalStage().arguments("ENV")).anyMatch((env) -> env.contains("JAVA_TOOL_OPTIONS=")
				&& env.contains("-XX:MaxRAMPercentage=25"));
	}

	@Test
	void exposesTheApplicationPort() {
		assertThat(finalStage().arguments("EXPOSE")).containsExactly("8080");
		assertThat(finalStage().arguments("ENTRYPOINT")).singleElement().asString().startsWith("[\"java\"");
	}

	@Test
	void carriesNoSecrets() {
		for (String line : instructions()) {
			String keyword = line.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
			if (Set.of("ENV", "ARG", "LABEL", "RUN").contains(keyword)) {
				assertThat(SECRET_ASSIGNMENT.matcher(line).find()).as(line).isFalse();
			}
			if (Set.of("COPY", "ADD").contains(keyword)) {
				assertThat(SECRET_FILE.matcher(line).find()).as(line).isFalse();
			}
		}
	}

	@Test
	void dockerignoreKeepsBuildOutputHistoryAndCredentialsOutOfTheContext() throws IOException {
		Set<String> patterns = Files.readAllLines(DOCKERIGNORE)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.replaceFirst("^/", "").replaceFirst("/$", ""))
			.collect(Collectors.toSet());
		assertThat(patterns).contains("target", ".git");
		assertThat(patterns).anyMatch((pattern) -> pattern.endsWith(".env"));
		// The build needs these: ignoring them would break it without any hint.
		assertThat(patterns).doesNotContain("src", "pom.xml", "mvnw", ".mvn");
	}

	private Stage finalStage() {
		return this.stages.get(this.stages.size() - 1);
	}

	/** The Dockerfile's instructions, with comments dropped and continuation lines joined. */
	private static List<String> instructions() {
		List<String> lines;
		try {
			lines = Files.readAllLines(DOCKERFILE);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String raw : lines) {
			String line = raw.strip();
			if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
				continue;
			}
			boolean continued = line.endsWith("\\");
			current.append(continued ? line.substring(0, line.length() - 1).strip() : line).append(' ');
			if (!continued) {
				instructions.add(current.toString().strip());
				current.setLength(0);
			}
		}
		return instructions;
	}

	private static List<Stage> stages(List<String> instructions) {
		List<Stage> stages = new ArrayList<>();
		for (String line : instructions) {
			Matcher from = FROM.matcher(line);
			if (from.matches()) {
				stages.add(new Stage(from.group(1), (from.group(2) != null) ? from.group(2) : "", new ArrayList<>()));
			}
			else if (!stages.isEmpty()) {
				stages.get(stages.size() - 1).instructions().add(line);
			}
		}
		return stages;
	}

	private static String tag(String image) {
		int digest = image.indexOf('@');
		if (digest >= 0) {
			return image.substring(digest + 1);
		}
		int colon = image.lastIndexOf(':');
		return (colon > image.lastIndexOf('/')) ? image.substring(colon + 1) : "";
	}

	private static int lastIndexOf(List<String> lines, String keyword) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith(keyword + " ")) {
				return i;
			}
		}
		return -1;
	}

	/** One build stage: its base image, its name (AS ...) and the instructions after its FROM. */
	private record Stage(String image, String name, List<String> instructions) {

		List<String> arguments(String keyword) {
			return this.instructions.stream()
				.filter((line) -> line.startsWith(keyword + " "))
				.map((line) -> line.substring(keyword.length() + 1).strip())
				.toList();
		}

	}

}
