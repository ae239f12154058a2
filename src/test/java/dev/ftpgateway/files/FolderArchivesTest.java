package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.ftp.FtpException;
import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.ScriptedFtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What goes into a folder archive, against the scripted fake listing what a broken or hostile
 * server could: links (LIST shows them, MLSD reports one to a folder as a folder, as pyftpdlib
 * does), names with dot segments, separators and control characters.
 */
class FolderArchivesTest {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.US_ASCII);

	private static final String FILE = "type=file;size=5;modify=" + ScriptedFtpServer.MODIFIED + "; ";

	private final ScriptedFtpServer server = new ScriptedFtpServer();

	private final FtpSessionPool pool;

	private final Recorder writer = new Recorder();

	FolderArchivesTest() throws IOException {
		Duration second = Duration.ofSeconds(2);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.server.host(), this.server.port(), "user", "pw", true,
						StandardCharsets.UTF_8, second, second, second),
				new PoolSettings(1, 0, 1, second, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.server.putFile("/t/a.txt", CONTENT)
			.putFile("/t/x", CONTENT)
			.putFile("/t/passwd", CONTENT)
			.reply("MLST", "250-Listing\n type=dir;modify=" + ScriptedFtpServer.MODIFIED + "; /t\n250 End")
			.setListing("MLSD", "/t", List.of(FILE + "a.txt", FILE + "../x", FILE + "/etc/passwd", FILE + "a\\b",
					FILE + "bad\u0001name",
					"type=dir;modify=" + ScriptedFtpServer.MODIFIED + "; outside"))
			.setListing("LIST", "/t", List.of("lrwxrwxrwx   1 ftp ftp     4 Jan 01 12:00 outside -> /etc"));
	}

	@AfterEach
	void close() {
		this.pool.close();
		this.server.close();
	}

	@Test
	void linksAndNamesThatCouldLeaveTheFolderAreLeftOut() throws IOException {
		archives().write(RemotePath.ofDecoded("/t/"), new FolderArchives.Limits(100, 1000), this.writer);
		// Names listed as paths count by their last name, as listings show them: they stay in the folder.
		assertThat(this.writer.events).containsExactly("begin 3 15", "file a.txt 5", "file x 5", "file passwd 5",
				"finish");
		assertThat(this.server.commands()).noneMatch((command) -> command.contains("outside"));
	}

	@Test
	void aTreeOverTheLimitsIsRefusedBeforeTheFirstByte() {
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> archives().write(RemotePath.ofDecoded("/t/"), new FolderArchives.Limits(1, 1000),
					this.writer))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.TOO_LARGE));
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> archives().write(RemotePath.ofDecoded("/t/"), new FolderArchives.Limits(100, 9),
					this.writer))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.TOO_LARGE));
		assertThat(this.writer.events).isEmpty();
		assertThat(this.server.commands()).noneMatch((command) -> command.startsWith("RETR"));
	}

	@Test
	void aFileThatCannotBeReadAfterTheStartFailsTheArchiveWithoutFinishingIt() {
		this.server.setListing("MLSD", "/t", List.of(FILE + "a.txt", FILE + "vanished.txt"));
		assertThatExceptionOfType(FtpException.class).isThrownBy(
				() -> archives().write(RemotePath.ofDecoded("/t/"), new FolderArchives.Limits(100, 1000), this.writer));
		assertThat(this.writer.events).containsExactly("begin 2 10", "file a.txt 5");
	}

	@Test
	void onlyFoldersAreArchived() {
		this.server.reply("MLST", "250-Listing\n " + FILE + "/t\n250 End");
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> archives().write(RemotePath.ofDecoded("/t"), new FolderArchives.Limits(100, 1000),
					this.writer))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.NOT_APPLICABLE));
	}

	private FolderArchives archives() {
		return new FileServer(this.pool, "/").archives();
	}

	/** Writes nothing; records what it was handed. */
	private static final class Recorder implements FolderArchives.Writer {

		private final List<String> events = new ArrayList<>();

		@Override
		public void begin(int entries, long bytes) {
			this.events.add("begin " + entries + " " + bytes);
		}

		@Override
		public void folder(FolderArchives.Entry entry) {
			this.events.add("folder " + entry.name());
		}

		@Override
		public void file(FolderArchives.Entry entry, Download content) throws IOException {
			byte[] buffer = new byte[16];
			long read = 0;
			int count;
			while ((count = content.read(buffer, 0, buffer.length)) >= 0) {
				read += count;
			}
			this.events.add("file " + entry.name() + " " + read);
		}

		@Override
		public void finish() {
			this.events.add("finish");
		}

	}

}
