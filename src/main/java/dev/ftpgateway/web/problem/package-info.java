/**
 * How failures become HTTP statuses: an FTP reply
 * ({@link dev.ftpgateway.web.problem.FtpReplyStatus}), a refused file operation
 * ({@link dev.ftpgateway.web.problem.FileProblemStatus}), a problem the HTTP layer decides itself
 * ({@link dev.ftpgateway.web.problem.GatewayProblems}), and the errors Jetty raises before Spring
 * is reached ({@link dev.ftpgateway.web.problem.ProblemErrorHandler}).
 */
package dev.ftpgateway.web.problem;
