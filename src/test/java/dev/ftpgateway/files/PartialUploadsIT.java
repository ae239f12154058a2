package dev.ftpgateway.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.ftpgateway.pool.ConnectionSettings;
import dev.ftpgateway.pool.FtpSessionPool;
import dev.ftpgateway.pool.PoolSettings;
import dev.ftpgateway.testing.EmbeddedFtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Resumable uploads kept on the FTP server alone, against embedded MINA: time is passed in as a
 * value, so expiry is tested without waiting for it.
 */
class PartialUploadsIT {

	private static final Duration EXPIRY = Duration.ofHours(1);

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	@RegisterExtension
	final EmbeddedFtpServerExtension ftp = new EmbeddedFtpServerExtension();

	private FtpSessionPool pool;

	private PartialUploads uploads;

	@BeforeEach
	void connect() throws IOException {
		Duration timeout = Duration.ofSeconds(10);
		this.pool = new FtpSessionPool(
				new ConnectionSettings(this.ftp.host(), this.ftp.port(), this.ftp.user(), this.ftp.password(), true,
						StandardCharsets.UTF_8, timeout, timeout, timeout),
				new PoolSettings(2, 0, 2, timeout, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)));
		this.uploads = new FileServer(this.pool, "/").partialUploads(EXPIRY);
		Files.createDirectories(this.ftp.home().resolve("in"));
	}

	@AfterEach
	void close() {
		this.pool.close();
	}

	@Test
	void appendsInAnyNumberOfStepsThenMovesTheFileIntoPlace() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/a.txt"), 11, "filename YS50eHQ=",
				CREATED);
		assertThat(created.offset()).isZero();
		assertThat(created.expires()).isEqualTo(CREATED.plus(EXPIRY));
		PartialUpload half = this.uploads.append(created.id(), 0, body("hello "), List.of(), CREATED);
		assertThat(half.offset()).isEqualTo(6);
		assertThat(half.complete()).isFalse();
		assertThat(this.uploads.status(created.id(), CREATED).metadata()).isEqualTo("filename YS50eHQ=");
		assertThat(Files.exists(this.ftp.home().resolve("in/a.txt"))).isFalse();
		PartialUpload done = this.uploads.append(created.id(), 6, body("world"), List.of(), CREATED);
		assertThat(done.complete()).isTrue();
		assertThat(Files.readString(this.ftp.home().resolve("in/a.txt"))).isEqualTo("hello world");
		assertThat(namesIn("in")).containsExactly("a.txt");
	}

	@Test
	void aCompletedUploadAskedAgainIsCompleteAndLeftNothingBehind() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/again.txt"), 3, "", CREATED);
		this.uploads.append(created.id(), 0, body("abc"), List.of(), CREATED);
		assertThat(namesIn("in")).containsExactly("again.txt");
		PartialUpload again = this.uploads.append(created.id(), 3, body(""), List.of(), CREATED);
		assertThat(again.complete()).isTrue();
		assertThat(this.uploads.status(created.id(), CREATED).offset()).isEqualTo(3);
		assertThat(Files.readString(this.ftp.home().resolve("in/again.txt"))).isEqualTo("abc");
		assertThat(namesIn("in")).containsExactly("again.txt");
	}

	@Test
	void anAppendAtTheWrongOffsetChangesNothing() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/b.txt"), 4, "", CREATED);
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> this.uploads.append(created.id(), 2, body("ab"), List.of(), CREATED))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.CONFLICT));
		assertThat(this.uploads.status(created.id(), CREATED).offset()).isZero();
	}

	@Test
	void aBodyLongerThanWhatIsLeftIsRefused() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/c.txt"), 3, "", CREATED);
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> this.uploads.append(created.id(), 0, body("abcd"), List.of(), CREATED))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.TOO_LARGE));
		assertThat(Files.exists(this.ftp.home().resolve("in/c.txt"))).isFalse();
	}

	@Test
	void anExpiredUploadIsRemovedWhenNextTouched() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/d.txt"), 10, "", CREATED);
		this.uploads.append(created.id(), 0, body("abc"), List.of(), CREATED);
		// The partial file's time is the FTP server's now, long after CREATED: activity counts from there.
		Instant lastActive = Files.getLastModifiedTime(this.ftp.home().resolve("in/.tus-" + created.id().nonce()))
			.toInstant();
		assertThat(this.uploads.status(created.id(), lastActive.plus(EXPIRY).minusSeconds(5)).offset()).isEqualTo(3);
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> this.uploads.status(created.id(), lastActive.plus(EXPIRY).plusSeconds(1)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.GONE));
		assertThat(namesIn("in")).isEmpty();
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> this.uploads.status(created.id(), lastActive))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.NOT_FOUND));
	}

	@Test
	void theSweepRemovesOnlyExpiredUploadsAnywhereBelowTheRoot() throws IOException {
		Files.createDirectories(this.ftp.home().resolve("in/deep/er"));
		PartialUpload old = this.uploads.create(RemotePath.ofDecoded("/in/deep/er/old.bin"), 5, "", CREATED);
		Files.setLastModifiedTime(this.ftp.home().resolve("in/deep/er/.tus-" + old.id().nonce()),
				FileTime.from(CREATED));
		Instant now = CREATED.plus(EXPIRY).plusSeconds(60);
		PartialUpload fresh = this.uploads.create(RemotePath.ofDecoded("/in/fresh.bin"), 5, "", now);
		assertThat(this.uploads.sweep(now)).isEqualTo(1);
		assertThat(namesIn("in/deep/er")).isEmpty();
		assertThat(this.uploads.status(fresh.id(), now).offset()).isZero();
	}

	@Test
	void terminatingRemovesTheUploadAndItsBytes() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/e.txt"), 10, "", CREATED);
		this.uploads.append(created.id(), 0, body("abc"), List.of(), CREATED);
		this.uploads.terminate(created.id());
		assertThat(namesIn("in")).isEmpty();
		assertThatExceptionOfType(FileOperationException.class).isThrownBy(() -> this.uploads.terminate(created.id()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.NOT_FOUND));
	}

	@Test
	void aChunkWithAWrongChecksumLeavesTheUploadAsItWas() throws IOException {
		PartialUpload created = this.uploads.create(RemotePath.ofDecoded("/in/f.txt"), 6, "", CREATED);
		this.uploads.append(created.id(), 0, body("abc"), List.of(sha1("abc")), CREATED);
		assertThatExceptionOfType(DigestMismatchException.class).isThrownBy(
				() -> this.uploads.append(created.id(), 3, body("xyz"), List.of(sha1("def")), CREATED));
		assertThat(this.uploads.status(created.id(), CREATED).offset()).isEqualTo(3);
		assertThat(namesIn("in")).allMatch((name) -> !name.endsWith(".chunk"));
		PartialUpload done = this.uploads.append(created.id(), 3, body("def"), List.of(sha1("def")), CREATED);
		assertThat(done.complete()).isTrue();
		assertThat(Files.readString(this.ftp.home().resolve("in/f.txt"))).isEqualTo("abcdef");
		assertThat(namesIn("in")).containsExactly("f.txt");
	}

	@Test
	void anUploadOfNoBytesIsCompleteAtOnce() throws IOException {
		assertThat(this.uploads.create(RemotePath.ofDecoded("/in/empty.txt"), 0, "", CREATED).complete()).isTrue();
		assertThat(Files.size(this.ftp.home().resolve("in/empty.txt"))).isZero();
		assertThat(namesIn("in")).containsExactly("empty.txt");
	}

	@Test
	void anUploadIntoAMissingFolderIsRefusedBeforeAnythingIsWritten() {
		assertThatExceptionOfType(FileOperationException.class)
			.isThrownBy(() -> this.uploads.create(RemotePath.ofDecoded("/nowhere/g.txt"), 1, "", CREATED))
			.withMessage("No folder /nowhere to hold g.txt")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FileOperationException.Reason.NOT_FOUND));
	}

	private static UploadBody body(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return (upload) -> {
			upload.write(bytes, 0, bytes.length);
			return bytes.length;
		};
	}

	private static Digest sha1(String text) {
		try {
			return new Digest("SHA-1",
					MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Stream<String> namesIn(String folder) throws IOException {
		try (Stream<Path> files = Files.list(this.ftp.home().resolve(folder))) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

}
