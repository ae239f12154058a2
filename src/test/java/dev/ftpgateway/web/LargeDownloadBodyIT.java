package dev.ftpgateway.web;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Downloads bigger than the transfer buffer leave through the container's own stream from direct
 * buffers, past the response wrappers; the wrappers' work must not be lost on the way.
 */
@Import(LargeDownloadBodyIT.WrapperThatCopiesBuffers.class)
@ExtendWith(OutputCaptureExtension.class)
class LargeDownloadBodyIT extends GatewayTestSupport {

	private static final int LARGE = 3 * 1024 * 1024 + 17;

	/** Bytes written through the test wrapper's stream, which copies every ByteBuffer into an array. */
	static final AtomicLong throughWrapper = new AtomicLong();

	@Test
	void aLargeDownloadArrivesWholeWithoutPassingThroughResponseWrappers() throws Exception {
		byte[] content = randomBytes(LARGE);
		Files.write(this.folder.resolve("large.bin"), content);
		throughWrapper.set(0);
		HttpResponse<byte[]> response = getBytes(this.base + "/large.bin");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(content);
		assertThat(throughWrapper.get()).isZero();
		awaitNoActiveSessions();
	}

	@Test
	void smallDownloadsStillGoThroughTheWrappers() throws Exception {
		Files.write(this.folder.resolve("small.bin"), randomBytes(1000));
		throughWrapper.set(0);
		assertThat(getBytes(this.base + "/small.bin").body()).hasSize(1000);
		assertThat(throughWrapper.get()).isEqualTo(1000);
	}

	@Test
	void aLargeDownloadCarriesTheSameHeadersAsASmallOne() throws Exception {
		Files.write(this.folder.resolve("large.bin"), randomBytes(LARGE));
		Files.write(this.folder.resolve("small.bin"), randomBytes(1000));
		HttpHeaders large = getBytes(this.base + "/large.bin").headers();
		HttpHeaders small = getBytes(this.base + "/small.bin").headers();
		assertThat(names(large)).isEqualTo(names(small)).contains("cache-control", "x-frame-options");
	}

	@Test
	void theAccessLogCountsTheBytesOfALargeDownload(CapturedOutput output) throws Exception {
		Files.write(this.folder.resolve("large.bin"), randomBytes(LARGE));
		getBytes(this.base + "/large.bin");
		// The line is written once the request ends, which may be after the client has the body.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains("GET " + this.base + "/large.bin 200 " + LARGE + " "));
	}

	@Test
	void aLargeRangeEndingBeforeTheEndIsCutExactly() throws Exception {
		byte[] content = randomBytes(LARGE);
		Files.write(this.folder.resolve("large.bin"), content);
		HttpResponse<byte[]> response = this.http.send(
				request(this.base + "/large.bin").header("Range", "bytes=100-2000099").GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.body()).hasSize(2_000_000).isEqualTo(Arrays.copyOfRange(content, 100, 2_000_100));
		awaitNoActiveSessions();
	}

	private HttpResponse<byte[]> getBytes(String rawPath) throws IOException, InterruptedException {
		return this.http.send(request(rawPath).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static Set<String> names(HttpHeaders headers) {
		Set<String> names = new TreeSet<>(headers.map().keySet());
		names.remove("content-length");
		names.remove("etag");
		names.remove("last-modified");
		names.remove("date");
		return names;
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	/**
	 * Wraps every response the way Spring Security's wrapper does: write(ByteBuffer) is not
	 * passed on, so ServletOutputStream's default copies each buffer into a new array.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class WrapperThatCopiesBuffers {

		@Bean
		FilterRegistrationBean<Filter> copyingWrapper() {
			Filter filter = (request, response, chain) -> chain.doFilter(request,
					new CopyingResponse((HttpServletResponse) response));
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}

	}

	private static final class CopyingResponse extends HttpServletResponseWrapper {

		CopyingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			ServletOutputStream delegate = super.getOutputStream();
			return new ServletOutputStream() {

				@Override
				public void write(int b) throws IOException {
					throughWrapper.incrementAndGet();
					delegate.write(b);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					throughWrapper.addAndGet(len);
					delegate.write(b, off, len);
				}

				@Override
				public boolean isReady() {
					return delegate.isReady();
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					delegate.setWriteListener(listener);
				}

			};
		}

	}

}
