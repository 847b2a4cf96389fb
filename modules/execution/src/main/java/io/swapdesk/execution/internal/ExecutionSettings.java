package io.swapdesk.execution.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigInteger;
import java.time.Duration;

/** The typed {@code execution.*} configuration (README: Configuration). Invalid values stop the deployment. */
@Dependent
public class ExecutionSettings {

    private final boolean enabled;
    private final int workers;
    private final Duration poll;
    private final int confirmations;
    private final Duration rebroadcastAfter;
    private final Duration cooldown;
    private final BigInteger gasLimit;
    private final Duration checkLease;

    @Inject
    public ExecutionSettings(
            @ConfigProperty(name = "execution.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "execution.workers", defaultValue = "2") int workers,
            @ConfigProperty(name = "execution.poll-ms", defaultValue = "1000") long pollMs,
            @ConfigProperty(name = "execution.confirmations", defaultValue = "2") int confirmations,
            @ConfigProperty(name = "execution.rebroadcast-after-ms", defaultValue = "30000") long rebroadcastAfterMs,
            @ConfigProperty(name = "execution.cooldown-ms", defaultValue = "120000") long cooldownMs,
            @ConfigProperty(name = "execution.gas-limit", defaultValue = "200000") long gasLimit) {
        this(enabled, workers, Duration.ofMillis(pollMs), confirmations, Duration.ofMillis(rebroadcastAfterMs),
                Duration.ofMillis(cooldownMs), BigInteger.valueOf(gasLimit));
    }

    public ExecutionSettings(boolean enabled, int workers, Duration poll, int confirmations, Duration rebroadcastAfter,
                             Duration cooldown, BigInteger gasLimit) {
        require(workers >= 1 && workers <= 64, "execution.workers must be 1 to 64; got " + workers);
        require(poll.toMillis() >= 10, "execution.poll-ms must be at least 10; got " + poll.toMillis());
        require(confirmations >= 1, "execution.confirmations must be at least 1; got " + confirmations);
        require(rebroadcastAfter.toMillis() >= 1000, "execution.rebroadcast-after-ms must be at least 1000");
        require(cooldown.toMillis() >= 1000, "execution.cooldown-ms must be at least 1000");
        require(gasLimit.signum() > 0, "execution.gas-limit must be positive");
        this.enabled = enabled;
        this.workers = workers;
        this.poll = poll;
        this.confirmations = confirmations;
        this.rebroadcastAfter = rebroadcastAfter;
        this.cooldown = cooldown;
        this.gasLimit = gasLimit;
        // A delivery being checked is leased to one server for this long; after it, another may check it too.
        this.checkLease = rebroadcastAfter.plus(poll.multipliedBy(2));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public int workers() {
        return workers;
    }

    public Duration poll() {
        return poll;
    }

    public int confirmations() {
        return confirmations;
    }

    public Duration rebroadcastAfter() {
        return rebroadcastAfter;
    }

    public Duration cooldown() {
        return cooldown;
    }

    public BigInteger gasLimit() {
        return gasLimit;
    }

    public Duration checkLease() {
        return checkLease;
    }
}
