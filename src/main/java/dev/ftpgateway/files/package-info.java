/**
 * What a file system over pooled FTP sessions means, below one root folder, with no HTTP and no
 * Spring: the HTTP layer calls these and maps their results and exceptions onto responses.
 * <ul>
 * <li>{@link dev.ftpgateway.files.FileServer}: one FTP server's tree, and
 * {@link dev.ftpgateway.files.FileServers}: every server the gateway serves, by name, and the
 * default one.</li>
 * <li>{@link dev.ftpgateway.files.RemotePath}: a path below the root, decoded and checked once.</li>
 * <li>{@link dev.ftpgateway.files.FileReads}: what is at a path (MLST, or SIZE and MDTM, CWD,
 * a listing of the parent), listing a folder, opening a file at an offset
 * ({@link dev.ftpgateway.files.Download}).</li>
 * <li>{@link dev.ftpgateway.files.SmallFileCache}: small files in memory, served while the server
 * states the same size and time; {@code CoalescedChecks} runs that check once at a time per file
 * and caller, for every request of that caller that came before it went out, and asks about the
 * caller's waiting files together, on few sessions, in one round trip each.</li>
 * <li>{@link dev.ftpgateway.files.AtomicUpload}: upload atomically: temporary name, size check,
 * move into place, clean-up.</li>
 * <li>{@link dev.ftpgateway.files.RemoteTree}: mkdirs, move, delete (recursively).</li>
 * <li>{@link dev.ftpgateway.files.Digest}: digests of uploads, checked while the bytes stream,
 * and of files, from the server's own hash command ({@code HashCommands}) or read once.</li>
 * <li>{@link dev.ftpgateway.files.PartialUploads}: resumable uploads kept on the FTP server alone
 * (a hidden partial file and its companion), named by an {@link dev.ftpgateway.files.UploadId}.</li>
 * <li>{@link dev.ftpgateway.files.FileOperationException}: what the tree refused, and why.</li>
 * <li>{@code FileSession} (one borrowed session over the tree, with the server quirks of
 * looking things up) and {@code SessionRetry} (one more try on a fresh session when a pooled one
 * turns out dead).</li>
 * </ul>
 */
package dev.ftpgateway.files;
