package dev.ftpgateway.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the gateway reaches any of its FTP servers, for the readiness group: UP when one of
 * them answers, DOWN when none does. With several servers, one partner's server going down
 * must not take the gateway out of service for all the others; a gateway that reaches none of
 * them (a network policy, a broken node) is better left out.
 * <p>
 * Each server is checked on a thread of its own, all at once and one check per server at a time
 * (a probe while a check is still running waits for that one), and a probe waits at most
 * {@code wait} in all: a server that hangs holds up neither the probe nor the other servers'
 * checks. The details give each server's status, or {@code UNKNOWN} for one whose check had not
 * finished in time.
 */
public class AnyFtpServerHealth extends AbstractHealthIndicator implements AutoCloseable {

	private final Map<String, Check> servers = new LinkedHashMap<>();

	private final Duration wait;

	/**
	 * @param servers each server's health, by name
	 * @param wait the longest a probe waits for the servers' checks
	 */
	public AnyFtpServerHealth(Map<String, HealthIndicator> servers, Duration wait) {
		super("FTP health check failed");
		servers.forEach((name, health) -> this.servers.put(name, new Check(name, health)));
		this.wait = wait;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws InterruptedException {
		Map<String, CompletableFuture<Health>> checks = new LinkedHashMap<>();
		this.servers.forEach((name, check) -> checks.put(name, check.start()));
		try {
			CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new))
				.get(this.wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Whatever has not finished by now counts as not answering.
		}
		boolean anyUp = false;
		Map<String, Object> statuses = new LinkedHashMap<>();
		for (Map.Entry<String, CompletableFuture<Health>> check : checks.entrySet()) {
			Health health = check.getValue().getNow(null);
			Status status = (health != null) ? health.getStatus() : Status.UNKNOWN;
			anyUp |= Status.UP.equals(status);
			statuses.put(check.getKey(), status.getCode());
		}
		builder.status(anyUp ? Status.UP : Status.DOWN).withDetail("servers", statuses);
	}

	/** Stops the servers' check threads. */
	@Override
	public void close() {
		this.servers.values().forEach(Check::close);
	}

	/** One server's checks, on a daemon thread of its own, one at a time. */
	private static final class Check {

		private final HealthIndicator health;

		private final ExecutorService thread;

		private CompletableFuture<Health> running = CompletableFuture.completedFuture(null);

		Check(String name, HealthIndicator health) {
			this.health = health;
			this.thread = Executors.newSingleThreadExecutor((runnable) -> {
				Thread checker = new Thread(runnable, "ftp-health-" + name);
				checker.setDaemon(true);
				return checker;
			});
		}

		/** The check under way, or a new one when the last has finished. */
		synchronized CompletableFuture<Health> start() {
			if (this.running.isDone()) {
				this.running = CompletableFuture.supplyAsync(this.health::health, this.thread);
			}
			return this.running;
		}

		void close() {
			this.thread.shutdownNow();
		}

	}

}
