package dev.ftpgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps classes small enough to read in one sitting: a class that outgrows its limit has more
 * than one job and should be split into parts with one each. {@code FtpClient} is the facade of
 * the ftplib API, one short method per ftplib function and overload, so its limit is higher;
 * configuration properties classes are lists of settings with their documentation.
 */
class ClassSizesTest {

	private static final Path SOURCES = Path.of("src/main/java/dev/ftpgateway");

	private static final int MAX_LINES = 450;

	private static final int MAX_FTP_CLIENT_LINES = 630;

	@Test
	void noMainClassIsOverItsLimit() {
		Map<Path, Long> oversized = lineCounts().entrySet()
			.stream()
			.filter(entry -> !entry.getKey().getFileName().toString().endsWith("Properties.java"))
			.filter(entry -> entry.getValue() > limitOf(entry.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(oversized).isEmpty();
	}

	private static int limitOf(Path file) {
		return file.endsWith(Path.of("ftp/FtpClient.java")) ? MAX_FTP_CLIENT_LINES : MAX_LINES;
	}

	private static Map<Path, Long> lineCounts() {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter(file -> file.toString().endsWith(".java"))
				.collect(Collectors.toMap(file -> file, ClassSizesTest::lines));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long lines(Path file) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
