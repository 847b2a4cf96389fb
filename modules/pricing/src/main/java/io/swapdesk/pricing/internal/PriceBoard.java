package io.swapdesk.pricing.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.PriceUnavailable;
import io.swapdesk.pricing.PriceUpdated;
import io.swapdesk.pricing.Prices;
import io.swapdesk.pricing.PricingError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link Prices} from memory: the latest reading of every source per pair, aggregated by
 * {@link Aggregation} after every fetch (and on a timer, so that silence ages prices out). Every
 * aggregate whose price or confidence changed fires {@link PriceUpdated}, and a pair that had a price
 * and lost it fires {@link PriceUnavailable} once, in order, from the thread that aggregated.
 */
@ApplicationScoped
public class PriceBoard implements Prices {

    private final List<Pair> direct;
    private final List<CrossRoute> cross;
    private final List<Pair> pairs;
    private final Aggregation aggregation;
    private final Duration maxFetchAge;
    private final Clock clock;
    private final Consumer<PriceUpdated> events;
    private final Consumer<PriceUnavailable> outages;
    private final PricingMetrics metrics;
    private final Map<Pair, Map<String, Reading>> readings = new ConcurrentHashMap<>();
    private final Map<Pair, PriceQuote> published = new LinkedHashMap<>();
    private volatile Map<Pair, PairStatus> states;
    /** Where a leader's aggregates go to reach the other servers ({@link PriceLease}); nowhere by default. */
    private volatile Consumer<List<PairStatus>> relay = statuses -> { };

    /** For the CDI client proxy only. */
    protected PriceBoard() {
        this.direct = List.of();
        this.cross = List.of();
        this.pairs = List.of();
        this.aggregation = null;
        this.maxFetchAge = null;
        this.clock = null;
        this.events = null;
        this.outages = null;
        this.metrics = null;
    }

    @Inject
    public PriceBoard(PricingSettings settings, Clock clock, Event<PriceUpdated> events,
                      Event<PriceUnavailable> outages, MetricRegistry registry) {
        this(settings, clock, events::fire, outages::fire, new PricingMetrics(registry, clock));
    }

    PriceBoard(PricingSettings settings, Clock clock, Consumer<PriceUpdated> events, PricingMetrics metrics) {
        this(settings, clock, events, outage -> { }, metrics);
    }

    PriceBoard(PricingSettings settings, Clock clock, Consumer<PriceUpdated> events,
               Consumer<PriceUnavailable> outages, PricingMetrics metrics) {
        this.direct = settings.pairs();
        this.cross = settings.crossPairs();
        List<Pair> all = new ArrayList<>(direct);
        cross.forEach(route -> all.add(route.pair()));
        this.pairs = List.copyOf(all);
        this.aggregation = Aggregation.of(settings);
        this.maxFetchAge = settings.maxFetchAge();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.outages = Objects.requireNonNull(outages, "outages");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Instant now = clock.instant();
        Map<Pair, PairStatus> initial = new LinkedHashMap<>();
        pairs.forEach(pair -> initial.put(pair, new PairStatus(pair, Optional.empty(), "no source has answered yet",
                List.of(), now)));
        this.states = Collections.unmodifiableMap(initial);
    }

    @Override
    public List<Pair> pairs() {
        return pairs;
    }

    @Override
    public PriceQuote latest(Pair pair) {
        PairStatus status = status(pair);
        return status.quote().orElseThrow(() -> new DomainException(PricingError.PRICE_UNAVAILABLE,
                "no trustworthy price for " + pair + " now: " + status.reason(), Map.of("pair", pair.toString())));
    }

    @Override
    public PairStatus status(Pair pair) {
        PairStatus status = states.get(pair);
        if (status == null) {
            throw new DomainException(PricingError.UNKNOWN_PAIR, "pair " + pair + " is not priced here; priced pairs: "
                    + pairs, Map.of("pair", pair.toString()));
        }
        Duration age = Duration.between(status.observedAt(), clock.instant());
        if (status.available() && age.compareTo(maxFetchAge) > 0) {
            // The aggregation itself stopped (a bug or an overloaded server): never serve its last answer.
            return new PairStatus(pair, Optional.empty(), "prices were last aggregated " + age.toMillis() + " ms ago",
                    status.sources(), status.observedAt());
        }
        return status;
    }

    /** Takes a fetch's readings (each replaces the same source's previous one for its pair) and aggregates. */
    void accept(List<Reading> batch) {
        for (Reading reading : batch) {
            if (direct.contains(reading.pair())) {
                readings.computeIfAbsent(reading.pair(), pair -> new ConcurrentHashMap<>()).put(reading.source(), reading);
            }
        }
        aggregate();
    }

    /** Aggregates every pair from the readings held now, and publishes what changed. */
    synchronized void aggregate() {
        Instant now = clock.instant();
        Map<Pair, PairStatus> next = new LinkedHashMap<>();
        for (Pair pair : direct) {
            List<Reading> held = new ArrayList<>(readings.getOrDefault(pair, Map.of()).values());
            next.put(pair, held.isEmpty()
                    ? new PairStatus(pair, Optional.empty(), "no source has answered yet", List.of(), now)
                    : aggregation.direct(pair, held, now));
        }
        for (CrossRoute route : cross) {
            next.put(route.pair(), Aggregation.cross(route, next.get(route.first()), next.get(route.second()), now));
        }
        states = Collections.unmodifiableMap(next);
        relay.accept(List.copyOf(next.values()));
        for (PairStatus status : next.values()) {
            metrics.aggregated(status);
            status.quote().ifPresentOrElse(quote -> publishIfChanged(quote, false), () -> withdraw(status, false));
        }
    }

    /** Sends every aggregation's result of every pair to {@code relay} (the lease holder's side of the relay). */
    void relayTo(Consumer<List<PairStatus>> relay) {
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    /**
     * A pair's state as the lease holder computed it (the other servers' side of the relay): served from now on, and
     * published as a relayed {@link PriceUpdated} by the same rule as a local aggregate, so every server fires the
     * same ticks. A pair not configured here is ignored.
     *
     * @return false when the pair is not configured here
     */
    synchronized boolean applyRelayed(PairStatus status) {
        if (!states.containsKey(status.pair())) {
            return false;
        }
        Map<Pair, PairStatus> next = new LinkedHashMap<>(states);
        next.put(status.pair(), status);
        states = Collections.unmodifiableMap(next);
        metrics.aggregated(status);
        status.quote().ifPresentOrElse(quote -> publishIfChanged(quote, true), () -> withdraw(status, true));
        return true;
    }

    /** A pair without a price: announced once, when it had one before (at start no pair has, and none is announced). */
    private void withdraw(PairStatus status, boolean relayed) {
        if (published.remove(status.pair()) != null) {
            outages.accept(new PriceUnavailable(status.pair(), status.reason(), status.observedAt(), relayed));
        }
    }

    private void publishIfChanged(PriceQuote quote, boolean relayed) {
        PriceQuote before = published.get(quote.pair());
        if (before != null && before.price().compareTo(quote.price()) == 0
                && before.confidence().compareTo(quote.confidence()) == 0) {
            return;
        }
        published.put(quote.pair(), quote);
        events.accept(new PriceUpdated(quote.pair(), quote.price(), quote.confidence(), quote.observedAt(), relayed));
    }
}
