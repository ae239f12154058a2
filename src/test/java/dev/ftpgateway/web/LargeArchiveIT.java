package dev.ftpgateway.web;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder of 4.5 GiB as one ZIP: an entry over 4 GiB needs ZIP64, and at {@code -Xmx64m} the
 * archive can only pass if it streams. The big file is sparse (zeros), so making it costs no disk
 * and no time; the small one is random. ZipInputStream checks each entry's CRC and size against
 * the data descriptor. Skipped unless {@code -Dftpgateway.large=true}.
 */
@EnabledIfSystemProperty(named = "ftpgateway.large", matches = "true")
class LargeArchiveIT extends GatewayTestSupport {

	private static final long BIG = 4L * 1024 * 1024 * 1024 + 512L * 1024 * 1024;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void aFolderOfSeveralGibibytesStreamsAsAZip64Archive() throws Exception {
		try (RandomAccessFile sparse = new RandomAccessFile(this.folder.resolve("big.bin").toFile(), "rw")) {
			sparse.setLength(BIG);
		}
		byte[] small = new byte[1024 * 1024];
		new Random(5).nextBytes(small);
		Path smallFile = Files.write(this.folder.resolve("small.bin"), small);
		HttpResponse<InputStream> response = this.http.send(request(this.base + "/?archive=zip").build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		long bigBytes = -1;
		long nonZero = 0;
		byte[] smallBytes = null;
		byte[] buffer = new byte[64 * 1024];
		try (ZipInputStream zip = new ZipInputStream(response.body())) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (entry.getName().equals("big.bin")) {
					long count = 0;
					int read;
					while ((read = zip.read(buffer)) >= 0) {
						for (int i = 0; i < read; i++) {
							nonZero += (buffer[i] != 0) ? 1 : 0;
						}
						count += read;
					}
					bigBytes = count;
				}
				else {
					smallBytes = zip.readAllBytes();
				}
			}
		}
		assertThat(bigBytes).isEqualTo(BIG);
		assertThat(nonZero).isZero();
		assertThat(smallBytes).isEqualTo(Files.readAllBytes(smallFile));
		awaitNoActiveSessions();
	}

}
