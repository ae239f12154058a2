package dev.ftpgateway.actuate;

import java.util.List;

import dev.ftpgateway.transfers.Cancellation;
import dev.ftpgateway.transfers.RunningTransfers;
import dev.ftpgateway.transfers.TransferSnapshot;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/transfers}: the transfers running now on this instance, the oldest first, and
 * {@code DELETE /actuator/transfers/{id}} to cancel one: 204 when it stops at its next read or
 * write, 404 when no transfer has that id (any more), 409 when every byte has moved and only the
 * server's confirmation is left.
 */
@WebEndpoint(id = "transfers")
public class TransfersEndpoint {

	private static final int STATUS_CONFLICT = 409;

	private final RunningTransfers transfers;

	public TransfersEndpoint(RunningTransfers transfers) {
		this.transfers = transfers;
	}

	@ReadOperation
	public RunningTransferList transfers() {
		return new RunningTransferList(this.transfers.list());
	}

	@DeleteOperation
	public WebEndpointResponse<Void> cancel(@Selector String id) {
		Cancellation cancellation = this.transfers.cancel(id);
		return new WebEndpointResponse<>(switch (cancellation) {
			case CANCELLED -> WebEndpointResponse.STATUS_NO_CONTENT;
			case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
			case FINISHING -> STATUS_CONFLICT;
		});
	}

	/** The running transfers, in an object so the list can gain neighbours without breaking clients. */
	public record RunningTransferList(List<TransferSnapshot> transfers) {
	}

}
