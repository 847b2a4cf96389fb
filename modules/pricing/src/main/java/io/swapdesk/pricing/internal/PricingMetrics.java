package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pricing module's metrics, named in one place:
 * <ul>
 *   <li>{@code pricing.source.fetches{source=chainlink|pyth, outcome=ok|error}} and
 *       {@code pricing.source.duration{source}}: every fetch, failed ones included (latency, errors);</li>
 *   <li>{@code pricing.source.age.seconds{source, pair}}: how long ago the source's latest price was
 *       published (staleness); -1 before the first price;</li>
 *   <li>{@code pricing.exclusions{pair, source, status=stale|deviating|invalid|failed}}: aggregations
 *       that left a source out, and why;</li>
 *   <li>{@code pricing.pair.available{pair}}: 1 when the pair has a price, else 0.</li>
 * </ul>
 */
final class PricingMetrics {

    static final String FETCHES = "pricing.source.fetches";
    static final String DURATION = "pricing.source.duration";
    static final String AGE = "pricing.source.age.seconds";
    static final String EXCLUSIONS = "pricing.exclusions";
    static final String AVAILABLE = "pricing.pair.available";

    private static final Metadata FETCHES_METADATA = Metadata.builder().withName(FETCHES)
            .withDescription("Fetches from price sources by source kind and outcome (ok, error)").build();
    private static final Metadata DURATION_METADATA = Metadata.builder().withName(DURATION)
            .withDescription("Duration of fetches from price sources, failed ones included").build();
    private static final Metadata AGE_METADATA = Metadata.builder().withName(AGE)
            .withDescription("Seconds since the source's latest price for the pair was published; -1 before the first")
            .build();
    private static final Metadata EXCLUSIONS_METADATA = Metadata.builder().withName(EXCLUSIONS)
            .withDescription("Aggregations that left a source out of a pair's price, by reason").build();
    private static final Metadata AVAILABLE_METADATA = Metadata.builder().withName(AVAILABLE)
            .withDescription("1 when the pair has a price now, 0 when it is unavailable").build();

    private final MetricRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> published = new ConcurrentHashMap<>();
    private final Map<Pair, Integer> available = new ConcurrentHashMap<>();

    PricingMetrics(MetricRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void fetched(String kind, boolean ok, Duration elapsed) {
        registry.counter(FETCHES_METADATA, new Tag("source", kind), new Tag("outcome", ok ? "ok" : "error")).inc();
        registry.timer(DURATION_METADATA, new Tag("source", kind)).update(elapsed);
    }

    void aggregated(PairStatus status) {
        if (available.put(status.pair(), status.available() ? 1 : 0) == null) {
            registry.gauge(AVAILABLE_METADATA, available, values -> values.getOrDefault(status.pair(), 0),
                    new Tag("pair", status.pair().toString()));
        }
        for (SourcePrice source : status.sources()) {
            if (!source.pair().equals(status.pair())) {
                continue; // a leg of a cross pair: counted with its own pair
            }
            source.publishedAt().ifPresent(at -> publishedAt(source, at));
            switch (source.status()) {
                case USED, FRESH -> { }
                default -> registry.counter(EXCLUSIONS_METADATA, new Tag("pair", source.pair().toString()),
                        new Tag("source", source.source()),
                        new Tag("status", source.status().name().toLowerCase(java.util.Locale.ROOT))).inc();
            }
        }
    }

    private void publishedAt(SourcePrice source, Instant at) {
        String key = source.source() + " " + source.pair();
        if (published.put(key, at) == null) {
            registry.gauge(AGE_METADATA, published, values -> {
                Instant last = values.get(key);
                return last == null ? -1L : Math.max(0L, Duration.between(last, clock.instant()).toSeconds());
            }, new Tag("source", source.source()), new Tag("pair", source.pair().toString()));
        }
    }
}
