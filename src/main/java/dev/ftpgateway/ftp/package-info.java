/**
 * An FTP and FTPS client with the API of Python's {@code ftplib}, using only the JDK:
 * {@link dev.ftpgateway.ftp.FtpClient} and {@link dev.ftpgateway.ftp.FtpTlsClient} are the
 * front; every public method there is a few lines over the parts below.
 *
 * <h2>Where each FTP command is sent and read</h2>
 * <table>
 * <caption>FTP verbs and the classes that handle them</caption>
 * <tr><th>Verb</th><th>Class</th></tr>
 * <tr><td>USER, PASS, ACCT, OPTS UTF8</td><td>{@code Login}</td></tr>
 * <tr><td>QUIT, NOOP, FEAT</td><td>{@code FtpClient} (quit, noop), {@code Connection} (FEAT, asked
 * once) over {@code Dialogue}</td></tr>
 * <tr><td>any command: send, read the reply, 4xx/5xx as exceptions</td><td>{@code Dialogue}
 * (wire format: {@code ControlConnection}, {@code ReplyReader})</td></tr>
 * <tr><td>TYPE</td><td>{@code Connection.ensureType}</td></tr>
 * <tr><td>EPSV, PASV, EPRT, PORT</td><td>{@code DataConnector}</td></tr>
 * <tr><td>REST, RETR, STOR, APPE, LIST, NLST, MLSD (the transfer command and its 1xx)</td>
 * <td>{@code TransferOpener}; the data connection and final reply: {@code Transfer}; copying:
 * {@code CopyLoops}, {@code TransferInputStream}, {@code TransferOutputStream}</td></tr>
 * <tr><td>ABOR, and finding the end of the replies after it or after keep-alive NOOPs</td>
 * <td>{@code Resync}; the keep-alive NOOPs themselves: {@code ControlKeepAlive}</td></tr>
 * <tr><td>MLSD, MLST, LIST parsing</td><td>{@code Listings}, and the parsers in
 * {@link dev.ftpgateway.ftp.listing}</td></tr>
 * <tr><td>RNFR, RNTO, DELE, CWD, CDUP, MKD, RMD, PWD, SIZE, MDTM</td><td>{@code FileCommands}</td></tr>
 * <tr><td>names and replies as bytes: the charset, and lossless escapes for bytes that do not
 * decode in it</td><td>{@code NameCodec}, used by {@code ControlConnection}, {@code ReplyReader}
 * and {@code CopyLoops}</td></tr>
 * <tr><td>AUTH TLS, PBSZ, PROT, CCC</td><td>{@code FtpTlsClient}; TLS data connections:
 * {@code TlsDataSocket}</td></tr>
 * </table>
 *
 * <p>How the client connects and transfers (timeouts, passive or active, charset, keep-alive) is
 * {@link dev.ftpgateway.ftp.ClientSettings}, reached by {@code FtpClient.settings()}.
 *
 * <p>Reply codes have names in {@link dev.ftpgateway.ftp.ReplyCode}; parsers of reply texts
 * (150, 227, 229, 257, FEAT) are pure functions in {@code Replies}.
 */
package dev.ftpgateway.ftp;
