package dev.ftpgateway.web.archive;

import java.io.IOException;
import java.nio.file.attribute.FileTime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import dev.ftpgateway.files.Download;
import dev.ftpgateway.files.FolderArchives;

/**
 * Writes a tar with commons-compress: POSIX (PAX) headers for names over 100 bytes, non-ASCII
 * names and files over 8 GiB, so GNU tar, bsdtar and 7-Zip read them all. A tar header states
 * the size before the data, taken from the listing: a file that changed size since cuts the
 * archive off.
 */
final class TarWriter implements FolderArchives.Writer {

	private static final int BUFFER_BYTES = 64 * 1024;

	private final ArchiveFormat.ResponseBody body;

	private TarArchiveOutputStream tar;

	TarWriter(ArchiveFormat.ResponseBody body) {
		this.body = body;
	}

	@Override
	public void begin(int entries, long bytes) throws IOException {
		this.tar = new TarArchiveOutputStream(this.body.open(), "UTF-8");
		this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
		this.tar.setAddPaxHeadersForNonAsciiNames(true);
	}

	@Override
	public void folder(FolderArchives.Entry entry) throws IOException {
		this.tar.putArchiveEntry(tarEntry(entry));
		this.tar.closeArchiveEntry();
	}

	@Override
	public void file(FolderArchives.Entry entry, Download content) throws IOException {
		TarArchiveEntry tarEntry = tarEntry(entry);
		tarEntry.setSize(entry.size());
		this.tar.putArchiveEntry(tarEntry);
		byte[] buffer = new byte[BUFFER_BYTES];
		int read;
		while ((read = content.read(buffer, 0, buffer.length)) >= 0) {
			this.tar.write(buffer, 0, read);
		}
		// Throws when fewer bytes came than the header promised.
		this.tar.closeArchiveEntry();
	}

	@Override
	public void finish() throws IOException {
		this.tar.finish();
		this.tar.flush();
	}

	private static TarArchiveEntry tarEntry(FolderArchives.Entry entry) {
		TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name());
		entry.modified().ifPresent((modified) -> tarEntry.setLastModifiedTime(FileTime.from(modified)));
		return tarEntry;
	}

}
