package dev.ftpgateway.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.FtpPermanentException;
import dev.ftpgateway.ftp.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Replacing a file on servers that refuse to rename onto an existing one (IIS): the old version
 * is moved aside, never deleted before the new one is in place.
 */
class UploadReplaceTest {

	private final RemotePath temporary = RemotePath.parse("/docs/.report.pdf.upload-1");

	private final RemotePath target = RemotePath.parse("/docs/report.pdf");

	@Test
	void refusedRenameOntoAnExistingFileReplacesItThroughAnAsideName() throws IOException {
		RecordingClient client = new RecordingClient(1);
		AtomicUpload.moveIntoPlace(client, "/", this.temporary, this.target, true);
		assertThat(client.operations).hasSize(4);
		assertThat(client.operations.get(1)).startsWith("rename /docs/report.pdf -> /docs/.report.pdf.upload-");
		assertThat(client.operations.get(2)).isEqualTo("rename /docs/.report.pdf.upload-1 -> /docs/report.pdf");
		assertThat(client.operations.get(3)).startsWith("delete /docs/.report.pdf.upload-");
		assertThat(client.operations).noneMatch(op -> op.equals("delete /docs/report.pdf"));
	}

	@Test
	void whenTheNewFileCannotMoveInTheOldOneIsPutBack() {
		RecordingClient client = new RecordingClient(1, 3);
		assertThatExceptionOfType(FtpPermanentException.class)
			.isThrownBy(() -> AtomicUpload.moveIntoPlace(client, "/", this.temporary, this.target, true));
		String aside = client.operations.get(1).substring(client.operations.get(1).indexOf("-> ") + 3);
		assertThat(client.operations).last().isEqualTo("rename " + aside + " -> /docs/report.pdf");
		assertThat(client.operations).noneMatch(op -> op.startsWith("delete"));
	}

	/** Refuses the renames whose numbers (from 1) it is given, and records every call. */
	private static final class RecordingClient extends FtpClient {

		private final List<String> operations = new ArrayList<>();

		private final List<Integer> refused;

		private int renames;

		RecordingClient(Integer... refused) {
			this.refused = List.of(refused);
		}

		@Override
		public String rename(String from, String to) throws IOException {
			this.operations.add("rename " + from + " -> " + to);
			if (this.refused.contains(++this.renames)) {
				throw new FtpPermanentException(new Reply(550, List.of("550 Cannot rename onto an existing file")));
			}
			return "250 ok";
		}

		@Override
		public String delete(String name) {
			this.operations.add("delete " + name);
			return "250 ok";
		}

	}

}
