/**
 * The transfers running now, on every server, with nothing but the JDK: the HTTP layer registers
 * each download, upload and streamed listing as its bytes start to flow
 * ({@link dev.ftpgateway.transfers.RunningTransfers#start}), counts them through the
 * {@link dev.ftpgateway.transfers.RunningTransfer} it gets back and ends it when the request is
 * done; operators list and cancel them ({@code /actuator/transfers}), and a
 * {@link dev.ftpgateway.transfers.TransferListener} turns their bytes and ends into metrics.
 */
package dev.ftpgateway.transfers;
