package io.swapdesk.chains.internal;

import io.swapdesk.chains.ChainHead;
import io.swapdesk.chains.Chains;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Readiness "chains": UP only when every configured chain answers with the configured chain id and
 * a head block no older than {@code chains.max-head-age-seconds}; a server that cannot see its
 * chains must not take swaps. No configured chain means nothing to wait for: UP.
 *
 * <p>Data per chain id: {@code <id>.head} (block number) and {@code <id>.lagSeconds} (age of that
 * block) when it answered, {@code <id>.error} (short reason) when it is not ready.
 */
@Readiness
@ApplicationScoped
public class ChainsReadinessCheck implements HealthCheck {

    static final String NAME = "chains";

    private final Chains chains;
    private final Duration maxHeadAge;
    private final Clock clock;

    /** For the CDI client proxy only; never used to run the check. */
    protected ChainsReadinessCheck() {
        this.chains = null;
        this.maxHeadAge = null;
        this.clock = null;
    }

    @Inject
    public ChainsReadinessCheck(Chains chains, ChainSettings settings, Clock clock) {
        this(chains, settings.maxHeadAge(), clock);
    }

    ChainsReadinessCheck(Chains chains, Duration maxHeadAge, Clock clock) {
        this.chains = Objects.requireNonNull(chains, "chains");
        this.maxHeadAge = Objects.requireNonNull(maxHeadAge, "maxHeadAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean allReady = true;
        for (ChainId chain : chains.configured()) {
            // Probe every chain even after one failed, so the data shows the state of all of them.
            allReady &= probe(chain, data);
        }
        // The constructor instead of HealthCheckResponse.named(): no provider lookup, so the check
        // also runs outside a container.
        return new HealthCheckResponse(NAME, allReady ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(data));
    }

    private boolean probe(ChainId chain, Map<String, Object> data) {
        String prefix = chain + ".";
        ChainHead head;
        try {
            head = chains.head(chain);
        } catch (DomainException e) {
            data.put(prefix + "error", e.detail());
            return false;
        }
        Duration lag = head.age(clock.instant());
        data.put(prefix + "head", head.blockNumber());
        data.put(prefix + "lagSeconds", lag.toSeconds());
        if (lag.compareTo(maxHeadAge) > 0) {
            data.put(prefix + "error", "head block is " + lag.toSeconds() + " s old, more than the "
                    + maxHeadAge.toSeconds() + " s allowed by " + ChainSettings.MAX_HEAD_AGE_SECONDS);
            return false;
        }
        return true;
    }
}
