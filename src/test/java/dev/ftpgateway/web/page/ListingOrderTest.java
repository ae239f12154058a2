package dev.ftpgateway.web.page;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListingOrderTest {

	@Test
	void withoutSortOrOrderTheServersOrderStreams() {
		assertThat(ListingOrder.of(null, null).streamed()).isTrue();
		assertThat(ListingOrder.of("size", null)).isEqualTo(new ListingOrder(ListingOrder.Column.SIZE, false));
		assertThat(ListingOrder.of(null, "desc")).isEqualTo(new ListingOrder(ListingOrder.Column.NAME, true));
	}

	@Test
	void valuesOutsideTheListsAreRefused() {
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> ListingOrder.of("owner", null))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> ListingOrder.of("name", "up"));
	}

}
