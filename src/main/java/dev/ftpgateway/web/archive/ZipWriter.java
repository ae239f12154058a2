package dev.ftpgateway.web.archive;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.ftpgateway.files.Download;
import dev.ftpgateway.files.FolderArchives;

/**
 * Writes a ZIP with the JDK's {@link ZipOutputStream}, which streams DEFLATED entries (sizes and
 * CRC in a data descriptor after the data) but needs both before the data of a STORED one, which
 * would mean reading every file twice. So entries are DEFLATED at {@link Deflater#NO_COMPRESSION}
 * unless compression is asked for: stored blocks inside the deflate format, 5 bytes per 64 KiB
 * more than STORED, no compression work, and readable by every unzip. ZIP64 records are written
 * when an entry, the archive or the entry count needs them. Names are UTF-8.
 */
final class ZipWriter implements FolderArchives.Writer {

	private static final int BUFFER_BYTES = 64 * 1024;

	private final ArchiveFormat.ResponseBody body;

	private final boolean compress;

	private ZipOutputStream zip;

	ZipWriter(ArchiveFormat.ResponseBody body, boolean compress) {
		this.body = body;
		this.compress = compress;
	}

	@Override
	public void begin(int entries, long bytes) throws IOException {
		this.zip = new ZipOutputStream(this.body.open());
		this.zip.setMethod(ZipOutputStream.DEFLATED);
		this.zip.setLevel(this.compress ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
	}

	@Override
	public void folder(FolderArchives.Entry entry) throws IOException {
		this.zip.putNextEntry(zipEntry(entry));
		this.zip.closeEntry();
	}

	@Override
	public void file(FolderArchives.Entry entry, Download content) throws IOException {
		this.zip.putNextEntry(zipEntry(entry));
		byte[] buffer = new byte[BUFFER_BYTES];
		int read;
		while ((read = content.read(buffer, 0, buffer.length)) >= 0) {
			this.zip.write(buffer, 0, read);
		}
		this.zip.closeEntry();
	}

	@Override
	public void finish() throws IOException {
		// Writes the central directory; the servlet container closes the response body itself.
		this.zip.finish();
		this.zip.flush();
	}

	private static ZipEntry zipEntry(FolderArchives.Entry entry) {
		ZipEntry zipEntry = new ZipEntry(entry.name());
		entry.modified().ifPresent((modified) -> zipEntry.setLastModifiedTime(FileTime.from(modified)));
		return zipEntry;
	}

}
