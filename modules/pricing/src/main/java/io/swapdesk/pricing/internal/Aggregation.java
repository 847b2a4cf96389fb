package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.Prices.PairStatus;
import io.swapdesk.pricing.SourcePrice;
import io.swapdesk.pricing.SourcePrice.Status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregation rules, in one place (docs/decisions/0008-price-aggregation.md):
 *
 * <ol>
 *   <li>a refused reading is {@code INVALID} / {@code FAILED}; a price older than its source's maximum
 *       age, or not fetched within {@code maxFetchAge}, is {@code STALE};</li>
 *   <li>of the fresh prices, one further than {@code maxDeviation} (relative) from their median is
 *       {@code DEVIATING} and excluded;</li>
 *   <li>with fewer than {@code minSources} prices left the pair is unavailable; otherwise the price is
 *       the median of the used ones (of an even count, the mean of the middle two);</li>
 *   <li>the confidence is the smallest half-width around that price that holds every used source's own
 *       interval: max(|p<sub>i</sub> − price| + c<sub>i</sub>);</li>
 *   <li>a cross pair is the product of its two legs (each possibly inverted); its relative confidence is
 *       the sum of the legs' relative confidences; it is unavailable when a leg is.</li>
 * </ol>
 *
 * Pure: no clock, no I/O; the same readings at the same instant give the same answer.
 */
final class Aggregation {

    private final int minSources;
    private final BigDecimal maxDeviation;
    private final Duration maxFetchAge;

    Aggregation(int minSources, BigDecimal maxDeviation, Duration maxFetchAge) {
        if (minSources < 1) {
            throw new IllegalArgumentException("at least one source is needed; got " + minSources);
        }
        this.minSources = minSources;
        this.maxDeviation = Objects.requireNonNull(maxDeviation, "maxDeviation");
        this.maxFetchAge = Objects.requireNonNull(maxFetchAge, "maxFetchAge");
    }

    static Aggregation of(PricingSettings settings) {
        return new Aggregation(settings.minSources(), settings.maxDeviation(), settings.maxFetchAge());
    }

    /** A direct pair from its sources' latest readings. */
    PairStatus direct(Pair pair, List<Reading> readings, Instant now) {
        List<SourcePrice> judged = new ArrayList<>();
        List<Reading.Priced> fresh = new ArrayList<>();
        for (Reading reading : readings) {
            switch (reading) {
                case Reading.Rejected rejected -> judged.add(new SourcePrice(rejected.source(), pair, rejected.price(),
                        Optional.empty(), rejected.publishedAt(), rejected.status(), rejected.reason(), rejected.simulated()));
                case Reading.Priced priced -> priced.staleness(now, maxFetchAge).ifPresentOrElse(
                        stale -> judged.add(source(priced, Status.STALE, stale)), () -> fresh.add(priced));
            }
        }
        if (fresh.size() < minSources) {
            return unavailable(pair, now, judged, fresh, List.of(), "only " + fresh.size() + " fresh source(s), "
                    + minSources + " needed");
        }
        BigDecimal median = PriceMath.median(fresh.stream().map(Reading.Priced::price).toList());
        List<Reading.Priced> used = new ArrayList<>();
        List<Reading.Priced> deviating = new ArrayList<>();
        for (Reading.Priced priced : fresh) {
            BigDecimal distance = PriceMath.relativeDistance(priced.price(), median);
            if (distance.compareTo(maxDeviation) > 0) {
                deviating.add(priced);
                judged.add(source(priced, Status.DEVIATING, percent(distance) + " from the median "
                        + PriceMath.normalize(median).toPlainString() + ", more than the " + percent(maxDeviation) + " allowed"));
            } else {
                used.add(priced);
            }
        }
        if (used.size() < minSources) {
            return unavailable(pair, now, judged, used, deviating, "only " + used.size()
                    + " fresh source(s) agree within " + percent(maxDeviation) + ", " + minSources + " needed");
        }
        BigDecimal price = PriceMath.median(used.stream().map(Reading.Priced::price).toList());
        BigDecimal confidence = BigDecimal.ZERO;
        for (Reading.Priced priced : used) {
            confidence = confidence.max(priced.price().subtract(price).abs().add(priced.confidence()));
            judged.add(source(priced, Status.USED, ""));
        }
        Instant publishedAt = used.stream().map(Reading.Priced::publishedAt).min(Comparator.naturalOrder()).orElseThrow();
        boolean simulated = used.stream().anyMatch(Reading::simulated);
        List<SourcePrice> sources = ordered(judged);
        PriceQuote quote = new PriceQuote(pair, PriceMath.normalize(price), PriceMath.normalize(confidence), now,
                publishedAt, simulated, List.of(), sources);
        return new PairStatus(pair, Optional.of(quote), "", sources, now);
    }

    /** A cross pair from its two legs' states. */
    static PairStatus cross(CrossRoute route, PairStatus first, PairStatus second, Instant now) {
        List<SourcePrice> sources = new ArrayList<>(first.sources());
        sources.addAll(second.sources());
        if (first.quote().isEmpty() || second.quote().isEmpty()) {
            PairStatus missing = first.quote().isEmpty() ? first : second;
            return new PairStatus(route.pair(), Optional.empty(), "derived from " + missing.pair() + ", which is unavailable: "
                    + missing.reason(), sources, now);
        }
        PriceQuote a = first.quote().get();
        PriceQuote b = second.quote().get();
        BigDecimal rateA = route.firstInverted() ? PriceMath.divide(BigDecimal.ONE, a.price()) : a.price();
        BigDecimal rateB = route.secondInverted() ? PriceMath.divide(BigDecimal.ONE, b.price()) : b.price();
        BigDecimal price = PriceMath.multiply(rateA, rateB);
        // Relative confidence of an inverse equals the original's (to first order), of a product the sum.
        BigDecimal relative = PriceMath.divide(a.confidence(), a.price()).add(PriceMath.divide(b.confidence(), b.price()));
        BigDecimal confidence = PriceMath.multiply(price, relative);
        Instant publishedAt = a.publishedAt().isBefore(b.publishedAt()) ? a.publishedAt() : b.publishedAt();
        PriceQuote quote = new PriceQuote(route.pair(), PriceMath.normalize(price), PriceMath.normalize(confidence), now,
                publishedAt, a.simulated() || b.simulated(), route.legs(), sources);
        return new PairStatus(route.pair(), Optional.of(quote), "", sources, now);
    }

    private static PairStatus unavailable(Pair pair, Instant now, List<SourcePrice> judged, List<Reading.Priced> agreeing,
                                          List<Reading.Priced> deviating, String reason) {
        List<SourcePrice> sources = new ArrayList<>(judged);
        for (Reading.Priced priced : agreeing) {
            // Fresh, but not enough of them.
            sources.add(source(priced, Status.FRESH, "too few fresh sources agree to publish a price"));
        }
        StringBuilder detail = new StringBuilder(reason);
        for (SourcePrice source : ordered(sources)) {
            if (source.status() != Status.FRESH) {
                detail.append("; ").append(source.source()).append(": ").append(source.status().name().toLowerCase(java.util.Locale.ROOT))
                        .append(source.reason().isEmpty() ? "" : " (" + source.reason() + ")");
            }
        }
        return new PairStatus(pair, Optional.empty(), detail.toString(), ordered(sources), now);
    }

    private static SourcePrice source(Reading.Priced priced, Status status, String reason) {
        return new SourcePrice(priced.source(), priced.pair(), Optional.of(PriceMath.normalize(priced.price())),
                Optional.of(PriceMath.normalize(priced.confidence())), Optional.of(priced.publishedAt()), status, reason,
                priced.simulated());
    }

    private static List<SourcePrice> ordered(List<SourcePrice> sources) {
        return sources.stream().sorted(Comparator.comparing(SourcePrice::source)).toList();
    }

    private static String percent(BigDecimal fraction) {
        return PriceMath.normalize(fraction.movePointRight(2).round(new java.math.MathContext(3))).toPlainString() + " %";
    }
}
