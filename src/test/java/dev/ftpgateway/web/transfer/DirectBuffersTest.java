package dev.ftpgateway.web.transfer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectBuffersTest {

	@Test
	void theFirstBuffersInUseAreLargeAndTheRestNormal() {
		DirectBuffers buffers = new DirectBuffers(1024, 4096, 2, 8);
		List<ByteBuffer> taken = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			taken.add(buffers.take());
		}
		assertThat(taken).extracting(ByteBuffer::capacity).containsExactly(4096, 4096, 1024, 1024);
		assertThat(taken).allMatch(ByteBuffer::isDirect);
	}

	@Test
	void aLargeBufferGivenBackMakesRoomForTheNextLargeOne() {
		DirectBuffers buffers = new DirectBuffers(1024, 4096, 1, 8);
		ByteBuffer large = buffers.take();
		assertThat(buffers.take().capacity()).isEqualTo(1024);
		buffers.give(large);
		assertThat(buffers.take()).isSameAs(large);
	}

	@Test
	void buffersComeBackCleared() {
		DirectBuffers buffers = new DirectBuffers(1024, 4096, 1, 8);
		ByteBuffer buffer = buffers.take();
		buffer.put(new byte[10]).limit(100);
		buffers.give(buffer);
		ByteBuffer again = buffers.take();
		assertThat(again.position()).isZero();
		assertThat(again.remaining()).isEqualTo(4096);
	}

	@Test
	void aNormalSizeAtLeastTheLargeOneMeansOneSize() {
		DirectBuffers buffers = new DirectBuffers(8192, 4096, 2, 8);
		ByteBuffer first = buffers.take();
		ByteBuffer second = buffers.take();
		ByteBuffer third = buffers.take();
		assertThat(List.of(first, second, third)).extracting(ByteBuffer::capacity).containsOnly(8192);
	}

}
