package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Symbolic links on the server never take a path out of the root, and recursive deletes never
 * enter them. The scripted fake lists links as vsftpd and proftpd do in LIST; MLSD, as pyftpdlib's
 * does, reports the link to a folder as a folder.
 */
class SymbolicLinksTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	SymbolicLinksTest() throws IOException {
		Duration second = Duration.ofSeconds(1);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.server.putFile("/big/secret.txt", CONTENT)
			.putFile("/upload/sub/own.txt", CONTENT)
			.reply("MLST", "250-Listing\n type=file;size=5;modify=20240101120000; /x\n250 End")
			.setListing("LIST", "/upload", List.of(
					"lrwxrwxrwx   1 ftp ftp     6 Jan 01 12:00 out -> ../big",
					"lrwxrwxrwx   1 ftp ftp     3 Jan 01 12:00 in -> sub",
					"drwxr-xr-x   2 ftp ftp  4096 Jan 01 12:00 sub"));
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void aLinkPointingOutsideTheRootIsRefusedBeforeAnythingIsRead() {
		FileServer files = new FileServer(this.pool, "/upload");
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> files.reads().read(RemotePath.ofDecoded("/out/secret.txt"), new Opened()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.OUTSIDE_ROOT));
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("RETR"))
			.noneMatch((command) -> command.startsWith("MLST"));
	}

	@Test
	void aLinkStayingInsideTheRootIsFollowed() throws IOException {
		FileServer files = new FileServer(this.pool, "/upload");
		assertThat(files.reads().read(RemotePath.ofDecoded("/in/own.txt"), new Opened())).isEqualTo("file");
	}

	@Test
	void linksOutsideTheRootAreFollowedWhenTheSettingSaysSo() throws IOException {
		FileServer files = new FileServer(this.pool, "/upload", true, SmallFileCache.disabled());
		assertThat(files.reads().read(RemotePath.ofDecoded("/out/secret.txt"), new Opened())).isEqualTo("file");
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("LIST"));
	}

	@Test
	void aRecursiveDeleteRemovesALinkToAFolderInsteadOfEnteringIt() throws IOException {
		// The fake knows no links: the name DELE removes is a file to it.
		this.server.putFile("/tree/elsewhere", CONTENT)
			.reply("MLST", "250-Listing\n type=dir;modify=20240101120000; /tree\n250 End")
			.setListing("MLSD", "/tree", List.of("type=dir;modify=20240101120000; elsewhere"))
			.setListing("LIST", "/tree", List.of("lrwxrwxrwx   1 ftp ftp     4 Jan 01 12:00 elsewhere -> /big"));
		new FileServer(this.pool, "/").tree().delete(RemotePath.ofDecoded("/tree"), true, Precondition.NONE);
		assertThat(this.server.commands()).contains("DELE /tree/elsewhere", "RMD /tree")
			.noneMatch((command) -> command.contains("/tree/elsewhere") && !command.startsWith("DELE"));
	}

	@Test
	void targetsResolveFromTheLinksFolder() {
		assertThat(LinkGuard.resolve("/upload/a", "../big")).isEqualTo("/upload/big");
		assertThat(LinkGuard.resolve("/upload", "../../etc")).isEqualTo("/etc");
		assertThat(LinkGuard.resolve("/upload", "/upload/./sub/")).isEqualTo("/upload/sub");
	}

	/** Says what was found, and reads nothing. */
	private static final class Opened implements ReadHandler<String> {

		@Override
		public String folder(RemoteFolder folder) {
			return "folder";
		}

		@Override
		public String file(RemoteFile file) {
			return "file";
		}

	}

}
