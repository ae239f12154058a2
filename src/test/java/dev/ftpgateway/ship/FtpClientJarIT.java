package dev.ftpgateway.ship;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FTP client as a library: the build attaches a jar (classifier {@code ftp-client}) that
 * holds the client alone and works with nothing but the JDK on the class path.
 */
class FtpClientJarIT {

	@RegisterExtension
	final EmbeddedFtpServerExtension server = new EmbeddedFtpServerExtension();

	@Test
	void theClientJarHoldsOnlyTheFtpPackage() throws IOException {
		try (JarFile jar = new JarFile(clientJar().toFile())) {
			List<String> classes = jar.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.endsWith(".class"))
				.toList();
			assertThat(classes).isNotEmpty().allMatch((name) -> name.startsWith("dev/ftpgateway/ftp/"));
			assertThat(classes).contains("dev/ftpgateway/ftp/FtpClient.class", "dev/ftpgateway/ftp/listing/FtpEntry.class");
		}
	}

	@Test
	void theClientJarAloneLogsInAndLists() throws Exception {
		Files.writeString(this.server.home().resolve("hello.txt"), "hi");
		// Only the JDK beneath: a class the client needed from anywhere else would fail to load.
		try (URLClassLoader loader = new URLClassLoader(new URL[] { clientJar().toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			Class<?> type = loader.loadClass("dev.ftpgateway.ftp.FtpClient");
			assertThat(type.getClassLoader()).isSameAs(loader);
			try (AutoCloseable ftp = (AutoCloseable) type.getConstructor().newInstance()) {
				type.getMethod("connect", String.class, int.class).invoke(ftp, this.server.host(), this.server.port());
				type.getMethod("login", String.class, String.class)
					.invoke(ftp, this.server.user(), this.server.password());
				Method nlst = type.getMethod("nlst", String[].class);
				List<?> names = (List<?>) nlst.invoke(ftp, (Object) new String[] { "/" });
				assertThat(names).map(String::valueOf).contains("hello.txt");
			}
		}
	}

	private static Path clientJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-ftp-client.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No *-ftp-client.jar in target: run through mvn verify"));
		}
	}

}
