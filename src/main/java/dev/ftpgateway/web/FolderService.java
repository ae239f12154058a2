package dev.ftpgateway.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.ftpgateway.ftp.FtpClient;
import dev.ftpgateway.ftp.listing.FtpEntry;
import dev.ftpgateway.pool.FtpSessions;
import dev.ftpgateway.pool.Lease;

/** Answers the operations that change the tree without moving file content: create folder, delete, move. */
@Service
public class FolderService {

	private final FtpSessions pool;

	private final FilesSettings settings;

	private final StaleSessionRetry retry;

	public FolderService(FtpSessions pool, FilesSettings settings) {
		this.pool = pool;
		this.settings = settings;
		this.retry = new StaleSessionRetry(pool);
	}

	/**
	 * Creates a folder and its missing parents (MKD for each).
	 * @return 201 when something was created, 204 when the folder already existed
	 */
	public HttpStatus createFolder(RemotePath path) throws IOException {
		try (Lease lease = this.pool.borrow()) {
			boolean created = RemoteFiles.makeFolders(lease.client(), this.settings, path);
			return created ? HttpStatus.CREATED : HttpStatus.NO_CONTENT;
		}
	}

	/**
	 * Deletes a file (DELE) or a folder (RMD); a folder with entries only when {@code recursive}.
	 * A dead pooled session is retried on a new one only while nothing has been deleted yet: a
	 * DELE whose reply was lost may have worked, and repeating it would answer 404.
	 */
	public void delete(RemotePath path, boolean recursive) throws IOException {
		if (path.isRoot()) {
			throw GatewayProblems.badRequest("The root folder cannot be deleted");
		}
		this.retry.run((lease, attempt) -> {
			FtpClient client = lease.client();
			FtpEntry entry = RemoteFiles.stat(client, this.settings, path);
			if (!RemoteFiles.isFolder(entry)) {
				attempt.commit();
				client.delete(this.settings.absolute(path));
				return null;
			}
			List<FtpEntry> children = children(client, path);
			if (!children.isEmpty() && !recursive) {
				throw GatewayProblems.conflict(path + " is not empty; add ?recursive=true to delete it with its content");
			}
			attempt.commit();
			deleteTree(client, path, children);
			return null;
		});
	}

	private void deleteTree(FtpClient client, RemotePath folder, List<FtpEntry> children) throws IOException {
		for (FtpEntry child : children) {
			RemotePath childPath = folder.resolve(FileInfo.of(child).name());
			if (RemoteFiles.isFolder(child)) {
				deleteTree(client, childPath, children(client, childPath));
			}
			else {
				// Symbolic links are removed with DELE, never followed.
				client.delete(this.settings.absolute(childPath));
			}
		}
		client.rmd(this.settings.absolute(folder));
	}

	private List<FtpEntry> children(FtpClient client, RemotePath folder) throws IOException {
		return client.list(this.settings.absolute(folder)).stream().filter((e) -> !e.isSelfOrParent()).toList();
	}

	/**
	 * Moves or renames a file or folder with RNFR/RNTO. Never replaces an existing destination:
	 * servers disagree on whether RNTO overwrites, so the gateway refuses up front.
	 */
	public void move(RemotePath source, RemotePath destination, boolean mkdirs) throws IOException {
		if (source.isRoot() || destination.isRoot()) {
			throw GatewayProblems.badRequest("The root folder cannot be moved or replaced");
		}
		if (destination.segments().size() > source.segments().size()
				&& destination.segments().subList(0, source.segments().size()).equals(source.segments())) {
			throw GatewayProblems.conflict("Cannot move " + source + " into itself");
		}
		try (Lease lease = this.pool.borrow()) {
			FtpClient client = lease.client();
			RemoteFiles.stat(client, this.settings, source);
			Optional<FtpEntry> existing = RemoteFiles.find(client, this.settings, destination);
			if (existing.isPresent()) {
				throw GatewayProblems.conflict(destination + " already exists");
			}
			Optional<FtpEntry> parent = RemoteFiles.find(client, this.settings, destination.parent());
			if (parent.isEmpty() && !mkdirs) {
				throw GatewayProblems.notFound(destination.parent());
			}
			if (parent.isPresent() && !RemoteFiles.isFolder(parent.get())) {
				throw GatewayProblems.conflict(destination.parent() + " is a file, not a folder");
			}
			if (parent.isEmpty()) {
				RemoteFiles.makeFolders(client, this.settings, destination.parent());
			}
			client.rename(this.settings.absolute(source), this.settings.absolute(destination));
		}
	}

}
